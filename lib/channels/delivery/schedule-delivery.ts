// Hands an outbound message (agent reply, approved draft, operator reply, retry) to delivery:
// one 'message.deliver' due item per message, in the caller's transaction, so the message is
// sent iff the change that queued it commits. Retries of a failed send reuse the same item.
import type { Tx } from '@/lib/db/client';
import { scheduleDueWork } from '@/lib/jobs/due-work/schedule-due-work';
import { CHANNEL_DUE_KINDS } from '../types';

/** Attempts before a message that keeps failing with retryable errors is marked failed. */
export const DELIVERY_MAX_ATTEMPTS = 8;

export async function scheduleDelivery(tx: Tx, workspaceId: string, messageId: string, at: Date = new Date()): Promise<void> {
  await scheduleDueWork(tx, {
    workspaceId,
    kind: CHANNEL_DUE_KINDS.deliver,
    subject: `message:${messageId}`,
    dueAt: at,
    maxAttempts: DELIVERY_MAX_ATTEMPTS,
  });
}

/** Channel types whose outbound messages need a provider call (the rest are "sent" once stored). */
export function deliversThroughProvider(channelType: string): boolean {
  return channelType === 'telegram' || channelType === 'whatsapp';
}
