// The one way a conversation's record changes: `update … where version = :read`, bumping the
// version. Zero rows means someone else wrote first: 409 stale_version with the current state.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import type { WorkspaceActor } from '@/lib/db/actor';
import { conversations } from '@/lib/db/schema/crm';
import { staleVersion } from '../check-version';
import { presentConversation, requireConversationRow, type ConversationRow } from './load-conversations';

type Insert = typeof conversations.$inferInsert;
export type ConversationPatch = { [K in keyof Insert]?: Insert[K] | SQL };

export async function writeConversation(tx: Tx, actor: WorkspaceActor, before: ConversationRow, set: ConversationPatch): Promise<void> {
  const updated = await tx
    .update(conversations)
    .set({ ...set, version: sql`${conversations.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(conversations.workspaceId, actor.workspaceId), eq(conversations.id, before.id), eq(conversations.version, before.version)))
    .returning({ id: conversations.id });
  if (!updated.length) throw staleVersion('Conversation', presentConversation(await requireConversationRow(tx, actor, before.id)));
}

/** A version the caller read that is no longer current: 409 with the current conversation. */
export function assertVersion(before: ConversationRow, version: number | undefined): void {
  if (version !== undefined && version !== before.version) throw staleVersion('Conversation', presentConversation(before));
}

export const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
