// A question the agent could not answer from the knowledge base (issue 8). The runtime calls this
// as systemActor('agent-runtime', workspaceId); repeats of the same question (same normalised key)
// count up instead of adding rows, and a question asked again after it was resolved opens again
// (the article did not help). A dismissed question stays dismissed but still counts.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { kbUnansweredQuestions } from '@/lib/db/schema/runtime';
import { badRequest } from '@/lib/api/errors';
import { QUESTION_MAX, questionKey } from './question-key';
import { loadUnanswered } from './load-unanswered';
import type { UnansweredQuestionView } from './present-unanswered';

const recordSchema = z.object({
  question: z.string().trim().min(1, 'question is required'),
  agentId: z.uuid().nullish(),
  conversationId: z.uuid().nullish(),
  source: z.enum(['channel', 'test_chat']).default('channel'),
});

export interface RecordUnansweredInput {
  question: string;
  agentId?: string | null;
  conversationId?: string | null;
  source?: 'channel' | 'test_chat';
}

export async function recordUnansweredQuestion(
  actor: WorkspaceActor,
  raw: RecordUnansweredInput,
): Promise<UnansweredQuestionView> {
  const input = recordSchema.parse(raw);
  const question = input.question.slice(0, QUESTION_MAX);
  const key = questionKey(question);
  if (!key) throw badRequest('The question has no words to record');
  assertCan(actor, 'kb.write');
  return withActor(actor, async (tx) => {
    const t = kbUnansweredQuestions;
    const [row] = await tx
      .insert(t)
      .values({
        workspaceId: actor.workspaceId,
        agentId: input.agentId ?? null,
        conversationId: input.conversationId ?? null,
        question,
        questionKey: key,
        source: input.source,
      })
      .onConflictDoUpdate({
        target: [t.workspaceId, t.questionKey],
        set: {
          question: sql`excluded.question`,
          agentId: sql`coalesce(excluded.agent_id, ${t.agentId})`,
          conversationId: sql`coalesce(excluded.conversation_id, ${t.conversationId})`,
          source: sql`excluded.source`,
          askedCount: sql`${t.askedCount} + 1`,
          lastAskedAt: sql`now()`,
          status: sql`case when ${t.status} = 'resolved' then 'open' else ${t.status} end`,
          resolvedArticleId: sql`case when ${t.status} = 'resolved' then null else ${t.resolvedArticleId} end`,
          resolvedBy: sql`case when ${t.status} = 'resolved' then null else ${t.resolvedBy} end`,
          resolvedAt: sql`case when ${t.status} = 'resolved' then null else ${t.resolvedAt} end`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: t.id });
    const [view] = await loadUnanswered(tx, actor.workspaceId, { id: row.id });
    return view;
  });
}
