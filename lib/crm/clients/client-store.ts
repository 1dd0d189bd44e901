// Shared pieces of the client functions: loading a client of the workspace, the search text,
// the checks every write repeats (phone, email, channel and phone conflicts, responsible member).
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { CountryCode } from 'libphonenumber-js';
import type { Tx } from '@/lib/db/client';
import { AppError, notFound } from '@/lib/api/errors';
import { clientChannels, clients } from '@/lib/db/schema/crm';
import { memberships } from '@/lib/db/schema/core';
import { normalizePhone } from '@/lib/crm/normalize-phone';
import { invalidField, type ChannelInput } from './schemas';

export type ClientRow = typeof clients.$inferSelect;
export type ChannelRow = typeof clientChannels.$inferSelect;

export async function requireClient(tx: Tx, workspaceId: string, id: string, forUpdate = false): Promise<ClientRow> {
  const q = tx.select().from(clients).where(and(eq(clients.id, id), eq(clients.workspaceId, workspaceId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('Client');
  return row;
}

/** Lower-cased words of the name, the phone's digits, the email and the channel ids (for the GIN index). */
export function buildSearchText(c: { name: string; phone: string | null; email: string | null }, channels: { externalId: string; username?: string | null }[]): string {
  const parts = [c.name, c.phone ? c.phone.replace(/\D/g, '') : '', c.email ?? ''];
  for (const ch of channels) parts.push(ch.externalId, ch.username ?? '');
  return parts
    .join(' ')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .join(' ')
    .slice(0, 10_000);
}

/** Recomputes clients.search_text from the stored row and channels. */
export async function refreshSearchText(tx: Tx, workspaceId: string, clientId: string): Promise<void> {
  const [c] = await tx.select({ name: clients.name, phone: clients.phone, email: clients.email }).from(clients).where(and(eq(clients.id, clientId), eq(clients.workspaceId, workspaceId)));
  if (!c) return;
  const chans = await tx.select({ externalId: clientChannels.externalId, username: clientChannels.username }).from(clientChannels).where(eq(clientChannels.clientId, clientId));
  await tx.update(clients).set({ searchText: buildSearchText(c, chans) }).where(and(eq(clients.id, clientId), eq(clients.workspaceId, workspaceId)));
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkPhone(raw: string | null | undefined, region: CountryCode, field = 'phone'): string | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === null || raw.trim() === '') return null;
  const p = normalizePhone(raw, region);
  if (!p) throw invalidField(field, `${raw} is not a phone number`, 'invalid_phone');
  return p;
}

export function checkEmail(raw: string | null | undefined, field = 'email'): string | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === null || raw.trim() === '') return null;
  const e = raw.trim().toLowerCase();
  if (!EMAIL.test(e)) throw invalidField(field, `${raw} is not an email address`, 'invalid_email');
  return e;
}

/** 409 client_exists when another client of the workspace has this phone. */
export async function assertPhoneFree(tx: Tx, workspaceId: string, phone: string | null | undefined, exceptId?: string): Promise<void> {
  if (!phone) return;
  const [other] = await tx.select({ id: clients.id, name: clients.name }).from(clients).where(and(eq(clients.workspaceId, workspaceId), eq(clients.phone, phone)));
  if (other && other.id !== exceptId) {
    throw new AppError(409, 'client_exists', `A client with the phone ${phone} already exists`, { client_id: other.id, name: other.name, field: 'phone' });
  }
}

/** 409 channel_taken naming the client that owns one of these channel ids. */
export async function assertChannelsFree(tx: Tx, workspaceId: string, channels: ChannelInput[], exceptClientId?: string): Promise<void> {
  if (!channels.length) return;
  const rows = await tx
    .select({ clientId: clientChannels.clientId, channelType: clientChannels.channelType, externalId: clientChannels.externalId })
    .from(clientChannels)
    .where(
      and(
        eq(clientChannels.workspaceId, workspaceId),
        or(...channels.map((c) => and(eq(clientChannels.channelType, c.channel_type), eq(clientChannels.externalId, c.external_id)))),
      ),
    );
  const taken = rows.find((r) => r.clientId !== exceptClientId);
  if (taken) {
    throw new AppError(409, 'channel_taken', `The ${taken.channelType} id ${taken.externalId} already belongs to another client`, {
      client_id: taken.clientId,
      channel_type: taken.channelType,
      external_id: taken.externalId,
    });
  }
}

/** The responsible person must be a member of the workspace. */
export async function assertMember(tx: Tx, workspaceId: string, userId: string | null | undefined, field = 'responsible_user_id'): Promise<void> {
  if (!userId) return;
  const [m] = await tx.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  if (!m) throw invalidField(field, 'Not a member of this workspace', 'not_a_member');
}

/** Channels of the body: `channels` plus the telegram_id / whatsapp_id shortcuts, without repeats. */
export function channelsOf(input: { channels?: ChannelInput[]; telegram_id?: string | null; whatsapp_id?: string | null }): ChannelInput[] {
  const list: ChannelInput[] = [...(input.channels ?? [])];
  if (input.telegram_id) list.push({ channel_type: 'telegram', external_id: input.telegram_id });
  if (input.whatsapp_id) list.push({ channel_type: 'whatsapp', external_id: input.whatsapp_id });
  const seen = new Set<string>();
  return list.filter((c) => {
    const k = `${c.channel_type}:${c.external_id}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export async function channelsOfClients(tx: Tx, ids: string[]): Promise<ChannelRow[]> {
  if (!ids.length) return [];
  return tx.select().from(clientChannels).where(inArray(clientChannels.clientId, ids)).orderBy(clientChannels.createdAt);
}

export const nowSql = sql`now()`;
