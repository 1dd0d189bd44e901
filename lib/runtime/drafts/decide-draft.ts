// What approve and reject share: the draft's conversation must be the workspace's, the
// message must be an agent draft of it, and the decision is a conditional update (status
// still `draft`) so that of two racing decisions exactly one wins; the other gets 409.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import type { WorkspaceActor } from '@/lib/db/actor';
import { AppError, notFound } from '@/lib/api/errors';
import { messages } from '@/lib/db/schema/crm';

export type MessageRow = typeof messages.$inferSelect;

export function ofConversation(workspaceId: string, conversationId: string, messageId: string) {
  return and(eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId), eq(messages.id, messageId));
}

/** After a conditional update matched nothing: 404 when there is no such message, else 409 not_a_draft. */
export async function notADraft(tx: Tx, actor: WorkspaceActor, conversationId: string, messageId: string): Promise<never> {
  const [row] = await tx
    .select({ status: messages.status })
    .from(messages)
    .where(ofConversation(actor.workspaceId, conversationId, messageId));
  if (!row) throw notFound('Message');
  throw new AppError(409, 'not_a_draft', `This message is not a draft awaiting approval (status ${row.status})`, { status: row.status });
}
