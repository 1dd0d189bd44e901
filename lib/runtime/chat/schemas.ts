// Validation of the test chat endpoints (docs/runtime-api.md "Test chat"), shared by the routes,
// lib and the OpenAPI document.
import { z } from 'zod';
import { AppError, notFound } from '@/lib/api/errors';
import { actorCan, assertCan } from '@/lib/auth/permissions';
import type { WorkspaceActor } from '@/lib/db/actor';

export const TEST_CHAT_CHANNELS = ['telegram', 'whatsapp', 'web_chat', 'test'] as const;

const uuid = (field: string) => z.uuid({ error: `${field} must be a uuid` });

export const sendTestMessageSchema = z.object({
  agent_id: uuid('agent_id'),
  message: z
    .string({ error: 'message must be text' })
    .trim()
    .min(1, 'message cannot be empty')
    .max(4000, 'message has at most 4000 characters'),
  conversation_id: uuid('conversation_id').nullable().optional(),
  simulate: z
    .object({
      stage_id: uuid('simulate.stage_id').nullable().optional(),
      channel_type: z.enum(TEST_CHAT_CHANNELS, { error: `channel_type must be one of: ${TEST_CHAT_CHANNELS.join(', ')}` }).optional(),
    })
    .optional(),
});
export type SendTestMessageInput = z.input<typeof sendTestMessageSchema>;

export const listTestConversationsQuery = z.object({
  agent_id: uuid('agent_id').optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int('limit must be a whole number').min(1, 'limit must be between 1 and 100').max(100, 'limit must be between 1 and 100').default(30),
});
export type ListTestConversationsQuery = z.input<typeof listTestConversationsQuery>;

/** Trying an agent: whoever may edit agents or write to conversations (member and up). */
export function assertTestChatAccess(actor: WorkspaceActor): void {
  if (actorCan(actor, 'agents.write')) return;
  assertCan(actor, 'conversations.write');
}

/** A conversation that is not the test chat's is "not found" here, never touched. */
export function assertTestConversation(row: { channel_type: string }): void {
  if (row.channel_type !== 'test') throw notFound('Test conversation');
}

/** The HTTP status of a turn's error code (docs/runtime-api.md). */
export function turnErrorStatus(code: string): number {
  if (code === 'quota_exceeded') return 402;
  if (code === 'provider_not_configured' || code === 'model_unknown') return 503;
  if (code === 'provider_timeout') return 504;
  return 502;
}

export function turnAppError(code: string, message: string, details: Record<string, unknown>): AppError {
  // Provider-specific codes (auth failed, rate limited, unavailable …) reach the client as
  // provider_failed with the original code beside it.
  const status = turnErrorStatus(code);
  const publicCode = status === 502 && code !== 'provider_failed' ? 'provider_failed' : status === 503 ? 'provider_not_configured' : code;
  return new AppError(status, publicCode, message, publicCode === code ? details : { ...details, reason: code });
}
