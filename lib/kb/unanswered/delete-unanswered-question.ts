// DELETE /api/kb/unanswered/:id (asked again, the question comes back as a new one).
import { and, eq } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { kbUnansweredQuestions } from '@/lib/db/schema/runtime';
import { requireQuestion } from './update-unanswered-question';

export async function deleteUnansweredQuestion(actor: WorkspaceActor, id: string) {
  assertCan(actor, 'kb.write');
  await withActor(actor, async (tx) => {
    const before = await requireQuestion(tx, actor.workspaceId, id);
    await tx
      .delete(kbUnansweredQuestions)
      .where(and(eq(kbUnansweredQuestions.workspaceId, actor.workspaceId), eq(kbUnansweredQuestions.id, id)));
    await recordAudit(tx, actor, {
      action: 'delete_unanswered_question',
      entityType: 'kb_unanswered_question',
      entityId: id,
      oldValues: { question: before.question, status: before.status, asked_count: before.asked_count },
    });
  });
}
