// The API shape of a notification row (docs/runtime-api.md `Notification`).
import type { notifications } from '@/lib/db/schema/core';

type Row = typeof notifications.$inferSelect;

export interface Notification {
  id: string;
  type: string;
  title: string;
  description: string | null;
  action_text: string | null;
  action_url: string | null;
  data: Record<string, unknown>;
  is_read: boolean;
  read_at: string | null;
  created_at: string;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentNotification(row: Row): Notification {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    description: row.description,
    action_text: row.actionText,
    action_url: row.actionUrl,
    data: row.data ?? {},
    is_read: row.isRead,
    read_at: iso(row.readAt),
    created_at: iso(row.createdAt)!,
  };
}
