// JSON shapes shared by every CRM endpoint (docs/crm-api.md): events, tasks, notes and the
// {id, name} of the members they name. Names come from one lookup per response (userNames).
import { inArray } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { users } from '@/lib/db/schema/core';
import type { crmEvents, notes, tasks } from '@/lib/db/schema/crm';

export type UserRef = { id: string; name: string } | null;
export type NameMap = Map<string, string>;

/** Display names (full name, else the e-mail's local part) of the given users, one query. */
export async function userNames(tx: Tx, ids: (string | null | undefined)[]): Promise<NameMap> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await tx.select({ id: users.id, fullName: users.fullName, email: users.email }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.fullName?.trim() || r.email.split('@')[0]]));
}

export function userRef(names: NameMap, id: string | null | undefined): UserRef {
  return id ? { id, name: names.get(id) ?? '' } : null;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function presentEvent(row: typeof crmEvents.$inferSelect, names: NameMap) {
  return {
    id: row.id,
    type: row.eventType,
    dialog_id: row.conversationId,
    client_id: row.clientId,
    message_id: row.messageId,
    source: row.source,
    actor: userRef(names, row.actorUserId),
    payload: row.payload,
    created_at: iso(row.createdAt),
  };
}

export function presentTask(row: typeof tasks.$inferSelect, names: NameMap, client?: { id: string; name: string } | null, now = new Date()) {
  return {
    id: row.id,
    text: row.text,
    due_at: iso(row.dueAt),
    responsible_user_id: row.responsibleUserId,
    responsible: userRef(names, row.responsibleUserId),
    client_id: row.clientId,
    conversation_id: row.conversationId,
    client: client ?? null,
    done: row.done,
    done_at: iso(row.doneAt),
    overdue: !row.done && !!row.dueAt && row.dueAt.getTime() < now.getTime(),
    source: row.source,
    created_at: iso(row.createdAt),
  };
}

export function presentNote(row: typeof notes.$inferSelect, names: NameMap) {
  return {
    id: row.id,
    text: row.text,
    client_id: row.clientId,
    conversation_id: row.conversationId,
    author: userRef(names, row.authorUserId),
    source: row.source,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}
