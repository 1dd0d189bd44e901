// POST /api/conversations/:id/suggestions/:sid/dismiss {reason?}: the operator says no, and why.
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { recordEvent } from '@/lib/crm/record-event';
import { requireConversationRow } from '@/lib/crm/conversations/load-conversations';
import { claimSuggestion } from './decide-suggestion';
import { dismissSuggestionSchema, presentSuggestion, type Suggestion } from './schemas';

export async function dismissSuggestion(actor: WorkspaceActor, conversationId: string, suggestionId: string, raw: unknown): Promise<Suggestion> {
  assertCan(actor, 'conversations.write');
  const input = dismissSuggestionSchema.parse(raw ?? {});
  const reason = input.reason || null;
  return withActor(actor, async (tx) => {
    const conv = await requireConversationRow(tx, actor, conversationId);
    const s = await claimSuggestion(tx, actor, conversationId, suggestionId, { status: 'dismissed', dismissReason: reason });
    await recordEvent(tx, actor, {
      type: 'suggestion_dismissed',
      conversationId,
      clientId: conv.client_id,
      payload: { suggestion_id: s.id, type: s.suggestionType, reason },
    });
    await recordAudit(tx, actor, {
      action: 'dismiss_suggestion',
      entityType: 'ai_suggestion',
      entityId: s.id,
      newValues: { conversation_id: conversationId, type: s.suggestionType, reason },
    });
    return presentSuggestion(s);
  });
}
