// POST /api/conversations/:id/suggestions/:sid/apply: send_message becomes the operator's reply
// (lib/crm/messages/send-human-message.ts: queued for the channel, takeover rules apply);
// update_context merges the suggestion's context (a quoted price) into the dialog. One
// transaction: the claim, the effect, the timeline event and the audit entry.
import { and, eq } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { aiSuggestions } from '@/lib/db/schema/channels';
import { recordEvent } from '@/lib/crm/record-event';
import { requireConversationRow } from '@/lib/crm/conversations/load-conversations';
import { updateContext } from '@/lib/crm/conversations/update-context';
import { sendHumanMessage } from '@/lib/crm/messages/send-human-message';
import { claimSuggestion } from './decide-suggestion';

export interface ApplyResult {
  applied: true;
  result: { message_sent: boolean; message_id: string | null; context_updated: boolean };
}

export async function applySuggestion(actor: WorkspaceActor, conversationId: string, suggestionId: string): Promise<ApplyResult> {
  assertCan(actor, 'conversations.write');
  return withActor(actor, async (tx) => {
    const conv = await requireConversationRow(tx, actor, conversationId);
    const s = await claimSuggestion(tx, actor, conversationId, suggestionId, { status: 'applied' });
    let result: ApplyResult['result'];
    if (s.action === 'send_message') {
      const message = await sendHumanMessage(actor, conversationId, { content: s.content });
      await tx
        .update(aiSuggestions)
        .set({ resultMessageId: message.id })
        .where(and(eq(aiSuggestions.workspaceId, actor.workspaceId), eq(aiSuggestions.id, s.id)));
      result = { message_sent: true, message_id: message.id, context_updated: false };
    } else {
      const context = (s.payload?.context ?? {}) as Record<string, unknown>;
      await updateContext(actor, conversationId, context);
      result = { message_sent: false, message_id: null, context_updated: true };
    }
    await recordEvent(tx, actor, {
      type: 'suggestion_applied',
      conversationId,
      clientId: conv.client_id,
      messageId: result.message_id,
      payload: { suggestion_id: s.id, type: s.suggestionType, action: s.action, ...(result.message_id ? { message_id: result.message_id } : {}) },
    });
    await recordAudit(tx, actor, {
      action: 'apply_suggestion',
      entityType: 'ai_suggestion',
      entityId: s.id,
      newValues: { conversation_id: conversationId, type: s.suggestionType, action: s.action, message_id: result.message_id },
    });
    return { applied: true as const, result };
  });
}
