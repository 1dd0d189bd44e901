// Message of docs/crm-api.md (seed 000 fields plus direction, delivery status and the channel's id).
import type { messages } from '@/lib/db/schema/crm';
import { userRef, type NameMap } from '../present';

export function presentMessage(row: typeof messages.$inferSelect, names: NameMap) {
  return {
    id: row.id,
    type: 'message' as const,
    role: row.role,
    direction: row.direction,
    content: row.content,
    content_type: row.contentType,
    attachments: row.attachments,
    sender_name: row.senderName,
    operator: userRef(names, row.senderUserId),
    status: row.status,
    is_sent: row.isSent,
    requires_approval: row.requiresApproval,
    model: row.model,
    tokens_used: row.tokensUsed,
    response_time_ms: row.responseTimeMs,
    kb_articles_used: row.kbArticlesUsed,
    external_message_id: row.externalMessageId,
    error: row.error,
    created_at: row.createdAt.toISOString(),
    // Runtime (docs/runtime-api.md): who answered, what it cost and why (agent messages only).
    provider: row.provider,
    tokens_in: row.tokensIn,
    tokens_out: row.tokensOut,
    cost_usd: row.costUsd,
    turn: row.role === 'agent' && row.turn && Object.keys(row.turn).length ? (row.turn as import('@/lib/runtime/types').TurnTrace) : null,
  };
}
export type Message = ReturnType<typeof presentMessage>;
