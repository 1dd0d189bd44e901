// One place that writes a notification row (seed 000 table 21). The dashboard renders
// `type` + `data` in the reader's language (lib/i18n/messages/*/notifications.json); title and
// description are the Russian fallback for API clients and Telegram. Joins the caller's
// transaction (withActor), so a notification is written with the change that caused it.
import { randomUUID } from 'node:crypto';
import { withActor, type Actor } from '@/lib/db/actor';
import { notifications } from '@/lib/db/schema/core';
import { scheduleOwnerNotification } from '@/lib/channels/owner/schedule-owner-notification';

export const NOTIFICATION_TYPES = [
  'draft_pending',
  'quota_exceeded',
  'agent_error',
  'handover_requested',
  'new_lead',
  'task_created',
  'job_dead_letter',
  /** A trigger's notify_manager action: data {trigger_id, trigger, conversation_id, message}. */
  'manager_notified',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface NotificationInput {
  type: NotificationType;
  title: string;
  description?: string | null;
  actionText?: string | null;
  /** A dashboard path without the workspace prefix, e.g. `/test-chat?conversation=<id>`. */
  actionUrl?: string | null;
  data?: Record<string, unknown>;
  /** Only this member sees it; null (default) = the whole team of the workspace. */
  userId?: string | null;
}

export async function createNotification(actor: Actor & { workspaceId: string }, input: NotificationInput): Promise<{ id: string }> {
  return withActor(actor, async (tx) => {
    // The id is chosen here, not returned: a system actor may not read back a row addressed
    // to one member (the select policy shows it to that member only).
    const id = randomUUID();
    await tx
      .insert(notifications)
      .values({
        id,
        workspaceId: actor.workspaceId,
        userId: input.userId ?? null,
        type: input.type,
        title: input.title.slice(0, 255),
        description: input.description ?? null,
        actionText: input.actionText?.slice(0, 100) ?? null,
        actionUrl: input.actionUrl?.slice(0, 500) ?? null,
        data: input.data ?? {},
      });
    // Members who linked a Telegram chat get it there too (lib/channels/owner).
    await scheduleOwnerNotification(actor.workspaceId, {
      notification_id: id,
      type: input.type,
      title: input.title.slice(0, 255),
      description: input.description ?? null,
      action_url: input.actionUrl?.slice(0, 500) ?? null,
      user_id: input.userId ?? null,
    });
    return { id };
  });
}
