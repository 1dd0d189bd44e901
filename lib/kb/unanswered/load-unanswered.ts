// Reads unanswered questions with their agent's name, newest asked first.
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { agents } from '@/lib/db/schema/agents';
import { kbUnansweredQuestions, type UnansweredStatus } from '@/lib/db/schema/runtime';
import { presentUnanswered } from './present-unanswered';

export interface UnansweredFilter {
  id?: string;
  status?: UnansweredStatus;
  /** Keyset cursor: questions asked before this one (last_asked_at, id). */
  before?: { lastAskedAt: Date; id: string };
  limit?: number;
}

export async function loadUnanswered(tx: Tx, workspaceId: string, filter: UnansweredFilter) {
  const t = kbUnansweredQuestions;
  const where: SQL[] = [eq(t.workspaceId, workspaceId)];
  if (filter.id) where.push(eq(t.id, filter.id));
  if (filter.status) where.push(eq(t.status, filter.status));
  if (filter.before) {
    const b = filter.before;
    where.push(or(lt(t.lastAskedAt, b.lastAskedAt), and(eq(t.lastAskedAt, b.lastAskedAt), lt(t.id, b.id)))!);
  }
  const q = tx
    .select({ row: t, agentName: agents.name })
    .from(t)
    .leftJoin(agents, and(eq(agents.id, t.agentId), eq(agents.workspaceId, t.workspaceId)))
    .where(and(...where))
    .orderBy(desc(t.lastAskedAt), desc(t.id));
  const rows = filter.limit ? await q.limit(filter.limit) : await q;
  return rows.map((r) => presentUnanswered(r.row, r.agentName));
}
