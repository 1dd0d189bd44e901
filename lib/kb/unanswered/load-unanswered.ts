// Reads unanswered questions with their agent's name, most recently asked first.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { agents } from '@/lib/db/schema/agents';
import { kbUnansweredQuestions, type UnansweredStatus } from '@/lib/db/schema/runtime';
import { tsKey, type Keyset } from '@/lib/crm/conversations/cursor';
import { presentUnanswered } from './present-unanswered';

export interface UnansweredFilter {
  id?: string;
  status?: UnansweredStatus;
  /** Keyset cursor: questions after this one in the order (last_asked_at desc, id desc). */
  after?: Keyset;
  limit?: number;
}

export async function loadUnanswered(tx: Tx, workspaceId: string, filter: UnansweredFilter) {
  const t = kbUnansweredQuestions;
  const where: SQL[] = [eq(t.workspaceId, workspaceId)];
  if (filter.id) where.push(eq(t.id, filter.id));
  if (filter.status) where.push(eq(t.status, filter.status));
  if (filter.after) where.push(sql`(${t.lastAskedAt}, ${t.id}) < (${filter.after.k}::timestamptz, ${filter.after.id}::uuid)`);
  const q = tx
    .select({ row: t, agentName: agents.name, key: tsKey(sql`${t.lastAskedAt}`).mapWith(String) })
    .from(t)
    .leftJoin(agents, and(eq(agents.id, t.agentId), eq(agents.workspaceId, t.workspaceId)))
    .where(and(...where))
    .orderBy(desc(t.lastAskedAt), desc(t.id));
  const rows = filter.limit ? await q.limit(filter.limit) : await q;
  return rows.map((r) => ({ ...presentUnanswered(r.row, r.agentName), cursorKey: { k: r.key, id: r.row.id } as Keyset }));
}
