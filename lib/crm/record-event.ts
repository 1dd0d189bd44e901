// One timeline event (seed 004 elo_events) inside the caller's transaction. Changes carry
// { field, old_value, new_value } and the source that made them (user, agent, rule, crm_sync).
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import type { Actor } from '@/lib/db/actor';
import { crmEvents, type ChangeSource } from '@/lib/db/schema/crm';

export interface CrmEventInput {
  type: string;
  conversationId?: string | null;
  clientId?: string | null;
  messageId?: string | null;
  /** Defaults: 'user' for a member, 'system' for a system actor ('agent' for agent-runtime). */
  source?: ChangeSource;
  payload?: Record<string, unknown>;
}

export function sourceOf(actor: Actor): ChangeSource {
  if (actor.kind === 'user') return 'user';
  return actor.name === 'agent-runtime' ? 'agent' : actor.name.startsWith('crm-sync') || actor.name.startsWith('kommo') ? 'crm_sync' : 'system';
}

export async function recordEvent(tx: Tx, actor: Actor & { workspaceId: string }, input: CrmEventInput) {
  const [row] = await tx
    .insert(crmEvents)
    .values({
      workspaceId: actor.workspaceId,
      eventType: input.type,
      conversationId: input.conversationId ?? null,
      clientId: input.clientId ?? null,
      messageId: input.messageId ?? null,
      source: input.source ?? sourceOf(actor),
      actorUserId: actor.kind === 'user' ? actor.userId : null,
      payload: input.payload ?? {},
      // The statement's clock, not the transaction's: events written together keep their order.
      createdAt: sql`clock_timestamp()`,
    })
    .returning();
  return row;
}

/** One field change as a timeline event: nothing is written when the value did not change. */
export async function recordChange(
  tx: Tx,
  actor: Actor & { workspaceId: string },
  input: Omit<CrmEventInput, 'payload'> & { field: string; oldValue: unknown; newValue: unknown; extra?: Record<string, unknown> },
) {
  if (JSON.stringify(input.oldValue ?? null) === JSON.stringify(input.newValue ?? null)) return null;
  return recordEvent(tx, actor, {
    ...input,
    payload: { field: input.field, old_value: input.oldValue ?? null, new_value: input.newValue ?? null, ...(input.extra ?? {}) },
  });
}
