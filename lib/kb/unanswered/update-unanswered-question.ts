// PATCH /api/kb/unanswered/:id: resolve (optionally with the article that answers it), dismiss
// or reopen a question.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { notFound, unprocessable } from '@/lib/api/errors';
import { kbArticles } from '@/lib/db/schema/kb';
import { kbUnansweredQuestions } from '@/lib/db/schema/runtime';
import { loadUnanswered } from './load-unanswered';
import { updateUnansweredSchema } from './schemas';

export async function requireQuestion(tx: Tx, workspaceId: string, id: string) {
  const [row] = await loadUnanswered(tx, workspaceId, { id });
  if (!row) throw notFound('Question');
  const { cursorKey: _, ...view } = row;
  return view;
}

export async function updateUnansweredQuestion(actor: WorkspaceActor, id: string, raw: unknown) {
  const input = updateUnansweredSchema.parse(raw);
  assertCan(actor, 'kb.write');
  return withActor(actor, async (tx) => {
    const before = await requireQuestion(tx, actor.workspaceId, id);
    const articleId = input.status === 'resolved' ? (input.resolved_article_id ?? null) : null;
    if (articleId !== null) {
      const [a] = await tx
        .select({ id: kbArticles.id })
        .from(kbArticles)
        .where(and(eq(kbArticles.workspaceId, actor.workspaceId), eq(kbArticles.id, articleId)));
      if (!a) {
        throw unprocessable('The article does not exist', {
          fields: [{ field: 'resolved_article_id', code: 'not_found', message: 'No such article in this workspace' }],
        });
      }
    } else if (input.resolved_article_id && input.status !== 'resolved') {
      throw unprocessable('Only a resolved question has an article', {
        fields: [{ field: 'resolved_article_id', code: 'invalid', message: 'resolved_article_id goes with status resolved' }],
      });
    }
    const resolved = input.status === 'resolved';
    await tx
      .update(kbUnansweredQuestions)
      .set({
        status: input.status,
        resolvedArticleId: articleId,
        resolvedBy: resolved ? actorUserId(actor) : null,
        resolvedAt: resolved ? sql`now()` : null,
        updatedAt: sql`now()`,
      })
      .where(and(eq(kbUnansweredQuestions.workspaceId, actor.workspaceId), eq(kbUnansweredQuestions.id, id)));
    await recordAudit(tx, actor, {
      action: 'update_unanswered_question',
      entityType: 'kb_unanswered_question',
      entityId: id,
      oldValues: { status: before.status, resolved_article_id: before.resolved_article_id },
      newValues: { status: input.status, resolved_article_id: articleId },
    });
    return requireQuestion(tx, actor.workspaceId, id);
  });
}
