// GET /api/kb/unanswered: the questions the agent could not answer, most recently asked first.
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { decodeCursor, encodeCursor } from '@/lib/crm/conversations/cursor';
import { loadUnanswered } from './load-unanswered';
import { listUnansweredQuery } from './schemas';

export async function listUnansweredQuestions(actor: WorkspaceActor, raw: unknown) {
  const q = listUnansweredQuery.parse(raw);
  assertCan(actor, 'kb.read');
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  return withActor(actor, async (tx) => {
    const rows = await loadUnanswered(tx, actor.workspaceId, { status: q.status, after, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const next = rows.length > q.limit ? encodeCursor(page[page.length - 1].cursorKey) : null;
    return { data: page.map(({ cursorKey: _, ...v }) => v), next_cursor: next };
  });
}
