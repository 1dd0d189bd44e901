// GET /api/conversations/:id/suggestions: the dialog's suggestions, pending first (newest
// first within each group, a batch's reply before its price); decided and expired ones stay listed.
import { and, desc, eq, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { aiSuggestions } from '@/lib/db/schema/channels';
import { requireConversationRow } from '@/lib/crm/conversations/load-conversations';
import { presentSuggestion, type Suggestion } from './schemas';

export const LIST_LIMIT = 50;

export async function listSuggestions(actor: WorkspaceActor, conversationId: string): Promise<Suggestion[]> {
  assertCan(actor, 'conversations.read');
  return withActor(actor, async (tx) => {
    await requireConversationRow(tx, actor, conversationId);
    const rows = await tx
      .select()
      .from(aiSuggestions)
      .where(and(eq(aiSuggestions.workspaceId, actor.workspaceId), eq(aiSuggestions.conversationId, conversationId)))
      // One batch is stored at once: a reply before a price before a slot.
      .orderBy(
        sql`(${aiSuggestions.status} = 'pending') desc`,
        desc(aiSuggestions.createdAt),
        sql`array_position(array['quick_reply', 'price_suggestion', 'schedule_slot']::text[], ${aiSuggestions.suggestionType}::text)`,
        desc(aiSuggestions.id),
      )
      .limit(LIST_LIMIT);
    return rows.map(presentSuggestion);
  });
}
