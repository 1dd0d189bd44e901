// One unanswered question (the new-article page prefills from it); null when it is not there.
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { loadUnanswered } from './load-unanswered';
import type { UnansweredQuestionView } from './present-unanswered';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getUnansweredQuestion(actor: WorkspaceActor, id: string): Promise<UnansweredQuestionView | null> {
  assertCan(actor, 'kb.read');
  if (!UUID.test(id)) return null;
  return withActor(actor, async (tx) => {
    const [row] = await loadUnanswered(tx, actor.workspaceId, { id });
    if (!row) return null;
    const { cursorKey: _, ...view } = row;
    return view;
  });
}
