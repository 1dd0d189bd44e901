// Which CRM deal and contact fields an agent may read into its context.
import { and, eq, sql } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { agentCrmAccess } from '@/lib/db/schema/agents';
import { recordAudit } from '@/lib/audit/record-audit';
import type { WorkspaceCaller } from '@/lib/auth/resolve-caller';
import { requireAgent } from './load-agent';
import { presentCrmAccess } from './present-agent';
import { setCrmAccessSchema } from './schemas';

export async function loadCrmAccess(tx: Tx, workspaceId: string, agentId: string) {
  const [row] = await tx
    .select()
    .from(agentCrmAccess)
    .where(and(eq(agentCrmAccess.agentId, agentId), eq(agentCrmAccess.workspaceId, workspaceId)));
  return presentCrmAccess(row);
}

export async function getCrmAccess(caller: WorkspaceCaller, agentId: string) {
  return withActor(caller.actor, async (tx) => {
    await requireAgent(tx, caller, agentId);
    return loadCrmAccess(tx, caller.workspace.id, agentId);
  });
}

export async function setCrmAccess(caller: WorkspaceCaller, agentId: string, raw: unknown) {
  const input = setCrmAccessSchema.parse(raw);
  return withActor(caller.actor, async (tx) => {
    await requireAgent(tx, caller, agentId);
    const before = await loadCrmAccess(tx, caller.workspace.id, agentId);
    const values = { readDealFields: input.read_deal_fields, readContactFields: input.read_contact_fields };
    const [row] = await tx
      .insert(agentCrmAccess)
      .values({ workspaceId: caller.workspace.id, agentId, ...values })
      .onConflictDoUpdate({ target: agentCrmAccess.agentId, set: { ...values, updatedAt: sql`now()` } })
      .returning();
    await recordAudit(tx, caller.actor, {
      action: 'update_agent_crm_access',
      entityType: 'agent',
      entityId: agentId,
      oldValues: before,
      newValues: input,
    });
    return presentCrmAccess(row);
  });
}
