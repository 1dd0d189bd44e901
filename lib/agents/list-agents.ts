// The workspace's agents, newest first, with search by name and an is_active filter.
import { and, count, desc, eq, ilike, type SQL } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import { agents } from '@/lib/db/schema/agents';
import { offsetOf, pagination } from '@/lib/api/pagination';
import type { WorkspaceActor } from '@/lib/db/actor';
import { presentAgentSummary } from './present-agent';
import type { ListAgentsQuery } from './schemas';
import { countCrmWarnings } from './count-crm-warnings';
import { readinessOf } from './check-readiness';

/** A search for "100%" must match the text, not act as a wildcard. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listAgents(actor: WorkspaceActor, q: ListAgentsQuery) {
  const where: SQL[] = [eq(agents.workspaceId, actor.workspaceId)];
  if (q.search) where.push(ilike(agents.name, `%${escapeLike(q.search)}%`));
  if (q.is_active !== undefined) where.push(eq(agents.isActive, q.is_active));
  return withActor(actor, async (tx) => {
    const [{ total }] = await tx.select({ total: count() }).from(agents).where(and(...where));
    const rows = await tx
      .select()
      .from(agents)
      .where(and(...where))
      .orderBy(desc(agents.createdAt), desc(agents.id))
      .limit(q.limit)
      .offset(offsetOf(q));
    const warnings = await countCrmWarnings(tx, actor.workspaceId, rows.map((r) => r.id));
    const readiness = await readinessOf(tx, actor.workspaceId, rows);
    return {
      // crm_warnings: settings naming CRM pipelines, stages or fields deleted since (see agent.warnings).
      agents: rows.map((r) => ({ ...presentAgentSummary(r), crm_warnings: warnings.get(r.id) ?? 0, readiness: readiness.get(r.id)! })),
      pagination: pagination(q, total),
    };
  });
}
