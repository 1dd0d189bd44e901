// Which CRM deal and contact fields an agent may read into its context.
import { and, eq, sql } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { agentCrmAccess } from '@/lib/db/schema/agents';
import { recordAudit } from '@/lib/audit/record-audit';
import type { WorkspaceActor } from '@/lib/db/actor';
import { loadCrmChoices } from '@/lib/crm/list-crm-choices';
import { assertFieldCodes } from './crm-refs';
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

export async function getCrmAccess(actor: WorkspaceActor, agentId: string) {
  return withActor(actor, async (tx) => {
    await requireAgent(tx, actor, agentId);
    return loadCrmAccess(tx, actor.workspaceId, agentId);
  });
}

export async function setCrmAccess(actor: WorkspaceActor, agentId: string, raw: unknown) {
  const input = setCrmAccessSchema.parse(raw);
  return withActor(actor, async (tx) => {
    await requireAgent(tx, actor, agentId);
    const choices = await loadCrmChoices(tx, actor.workspaceId);
    assertFieldCodes(choices, [
      { entity: 'deal', codes: input.read_deal_fields, field: 'read_deal_fields' },
      { entity: 'contact', codes: input.read_contact_fields, field: 'read_contact_fields' },
    ]);
    const before = await loadCrmAccess(tx, actor.workspaceId, agentId);
    const values = { readDealFields: input.read_deal_fields, readContactFields: input.read_contact_fields };
    const [row] = await tx
      .insert(agentCrmAccess)
      .values({ workspaceId: actor.workspaceId, agentId, ...values })
      .onConflictDoUpdate({ target: agentCrmAccess.agentId, set: { ...values, updatedAt: sql`now()` } })
      .returning();
    await recordAudit(tx, actor, {
      action: 'update_agent_crm_access',
      entityType: 'agent',
      entityId: agentId,
      oldValues: before,
      newValues: input,
    });
    return presentCrmAccess(row);
  });
}
