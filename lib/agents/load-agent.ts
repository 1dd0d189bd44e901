// Finds an agent of the caller's workspace or answers 404 (never "forbidden": other tenants' ids stay unknown).
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { agents } from '@/lib/db/schema/agents';
import { notFound } from '@/lib/api/errors';
import type { WorkspaceActor } from '@/lib/db/actor';

export async function requireAgent(tx: Tx, actor: WorkspaceActor, agentId: string) {
  const [agent] = await tx
    .select()
    .from(agents)
    .where(and(eq(agents.id, agentId), eq(agents.workspaceId, actor.workspaceId)));
  if (!agent) throw notFound('Agent');
  return agent;
}

