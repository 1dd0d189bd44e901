// A new notification goes to members' linked Telegram chats too (seed 003) — when it is of a
// kind owners want on their phone, the workspace's bot is connected and active, and someone
// it is addressed to has linked a chat. The due item carries the text: the channels actor may
// not read a notification addressed to one member back (notifications' select policy).
import { sql } from 'drizzle-orm';
import { queryRows, systemActor, withActor } from '@/lib/db/actor';
import { scheduleDueWork } from '@/lib/jobs/due-work/schedule-due-work';
import { CHANNEL_DUE_KINDS, CHANNELS_ACTOR } from '../types';

export const TELEGRAM_NOTIFICATION_TYPES: readonly string[] = [
  'new_lead',
  'draft_pending',
  'handover_requested',
  'agent_error',
  'quota_exceeded',
];

export interface OwnerNotificationPayload {
  notification_id: string;
  type: string;
  title: string;
  description: string | null;
  action_url: string | null;
  /** The addressee; null = every linked member. */
  user_id: string | null;
  /** A retry for some chats only (the others already got it). */
  chat_ids?: string[];
  retry?: number;
}

/** In the caller's transaction (joins it as the channels actor); true when something was scheduled. */
export async function scheduleOwnerNotification(workspaceId: string, n: OwnerNotificationPayload): Promise<boolean> {
  if (!TELEGRAM_NOTIFICATION_TYPES.includes(n.type)) return false;
  return withActor(systemActor(CHANNELS_ACTOR, workspaceId), async (tx) => {
    const [row] = await queryRows<{ ready: boolean }>(
      tx,
      sql`select exists (
            select 1 from public.integrations i
            where i.workspace_id = ${workspaceId}::uuid and i.integration_type = 'telegram' and i.is_active and i.is_connected)
          and exists (
            select 1 from public.telegram_owner_links l
            join public.memberships m on m.workspace_id = l.workspace_id and m.user_id = l.user_id
            where l.workspace_id = ${workspaceId}::uuid and l.chat_id is not null
              and (${n.user_id}::uuid is null or l.user_id = ${n.user_id}::uuid)) as ready`,
    );
    if (!row?.ready) return false;
    await scheduleDueWork(tx, {
      workspaceId,
      kind: CHANNEL_DUE_KINDS.ownerNotify,
      subject: `notification:${n.notification_id}`,
      dueAt: new Date(),
      payload: { ...n },
      maxAttempts: 5,
    });
    return true;
  });
}
