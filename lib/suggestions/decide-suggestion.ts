// Shared by apply and dismiss: the dialog's suggestion (404 for another dialog or workspace)
// and the claim — one conditional update from pending, so two operators cannot both decide it.
import { and, eq, sql } from 'drizzle-orm';
import { actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { conflict, notFound } from '@/lib/api/errors';
import { aiSuggestions } from '@/lib/db/schema/channels';

export type SuggestionRow = typeof aiSuggestions.$inferSelect;

export async function claimSuggestion(
  tx: Tx,
  actor: WorkspaceActor,
  conversationId: string,
  suggestionId: string,
  to: { status: 'applied' | 'dismissed'; dismissReason?: string | null },
): Promise<SuggestionRow> {
  const where = and(eq(aiSuggestions.workspaceId, actor.workspaceId), eq(aiSuggestions.conversationId, conversationId), eq(aiSuggestions.id, suggestionId));
  const [claimed] = await tx
    .update(aiSuggestions)
    .set({ status: to.status, dismissReason: to.dismissReason ?? null, decidedBy: actorUserId(actor), decidedAt: sql`now()` })
    .where(and(where, eq(aiSuggestions.status, 'pending')))
    .returning();
  if (claimed) return claimed;
  const [row] = await tx.select({ status: aiSuggestions.status }).from(aiSuggestions).where(where);
  if (!row) throw notFound('Suggestion');
  throw conflict(`The suggestion is ${row.status} already`, 'not_pending');
}
