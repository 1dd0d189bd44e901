// 'channel.update' [update:<channel_updates.id>]: a stored raw update becomes work. Parsed by
// its channel's adapter; an owner's `/start <code>` links owner notifications; delivery
// reports move our messages' status; customer messages get their media fetched into storage
// and voice transcribed — all outside any transaction — and are then ingested (client,
// conversation, idempotent messages, the reply decision). The update ends processed, ignored
// or (after the last attempt) failed with the error.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { systemActor, withActor, type SystemActor } from '@/lib/db/actor';
import { channelUpdates } from '@/lib/db/schema/channels';
import { messages, type MessageAttachment } from '@/lib/db/schema/crm';
import { getStorage } from '@/lib/storage/storage';
import { transcribeAudio } from '@/lib/ai/transcribe';
import { logger } from '@/lib/log/logger';
import { linkOwnerChat } from '../owner/link-owner-chat';
import { loadConnection } from '../connections/load-connection';
import { scrubSecrets } from '../delivery/scrub-secrets';
import { channelAdapter } from '../registry';
import { CHANNELS_ACTOR, type ChannelConnection, type ChannelSecrets, type ChannelAdapter, type DeliveryStatus } from '../types';
import { ingestInboundMessages, type IngestMessage } from './ingest-inbound';

export type UpdateOutcome = 'processed' | 'ignored' | 'skipped';

/** Status order of our outbound messages: a late 'delivered' never undoes 'read'. */
const RANK: Record<string, number> = { queued: 0, sent: 1, delivered: 2, read: 3 };

const EXT: Record<string, string> = {
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'application/pdf': 'pdf',
};

export async function processChannelUpdate(
  workspaceId: string,
  updateId: string,
  opts: { now: Date; lastAttempt: boolean },
): Promise<UpdateOutcome> {
  const actor = systemActor(CHANNELS_ACTOR, workspaceId);
  const loaded = await withActor(actor, async (tx) => {
    const [row] = await tx
      .select()
      .from(channelUpdates)
      .where(and(eq(channelUpdates.workspaceId, workspaceId), eq(channelUpdates.id, updateId)));
    if (!row || row.state !== 'pending') return null;
    return { row, connection: await loadConnection(tx, actor, row.integrationId) };
  });
  if (!loaded) return 'skipped';
  const { row, connection } = loaded;
  if (!connection) return finish(actor, updateId, 'ignored', 'connection_not_found');
  if (!connection.conn.isActive) return finish(actor, updateId, 'ignored', 'connection_inactive');
  const { conn, secrets } = connection;
  try {
    const adapter = await channelAdapter(conn.type);
    const parsed = adapter.parseUpdate(row.payload);
    let did = false;
    if (parsed.ownerLink) {
      await linkOwnerChat(actor, { integrationId: conn.id, ...parsed.ownerLink }, { now: opts.now });
      did = true;
    }
    if (parsed.statuses?.length) {
      await applyStatuses(actor, parsed.statuses, opts.now);
      did = true;
    }
    if (parsed.messages.length) {
      const prepared: IngestMessage[] = [];
      for (const m of parsed.messages) prepared.push(await prepareMessage(actor, adapter, conn, secrets, m, opts.lastAttempt));
      const result = await ingestInboundMessages(actor, conn, prepared, { now: opts.now });
      return finish(actor, updateId, 'processed', null, result.messageIds[0] ?? null);
    }
    return did ? finish(actor, updateId, 'processed', null) : finish(actor, updateId, 'ignored', parsed.ignored ?? 'nothing_to_do');
  } catch (err) {
    const error = scrubSecrets(String((err as Error)?.message ?? err), secrets);
    if (opts.lastAttempt) await finish(actor, updateId, 'failed', error);
    throw new Error(error);
  }
}

/** Media into storage (an attachment), voice and audio into text. Network only. */
async function prepareMessage(
  actor: SystemActor,
  adapter: ChannelAdapter,
  conn: ChannelConnection,
  secrets: ChannelSecrets,
  m: IngestMessage,
  lastAttempt: boolean,
): Promise<IngestMessage> {
  if (!m.media) return m;
  const attachment: MessageAttachment = {
    kind: m.kind,
    file_id: m.media.fileRef,
    ...(m.media.mimeType ? { mime_type: m.media.mimeType } : {}),
    ...(m.media.fileName ? { name: m.media.fileName } : {}),
    ...(m.media.size != null ? { size: m.media.size } : {}),
    ...(m.media.durationSeconds != null ? { duration_seconds: m.media.durationSeconds } : {}),
  };
  let fetched;
  try {
    fetched = adapter.fetchMedia ? await adapter.fetchMedia(conn, secrets, m.media.fileRef) : null;
  } catch (err) {
    // Try again later; on the last attempt keep the message without its file.
    if (!lastAttempt) throw err;
    logger.warn({ workspace_id: actor.workspaceId, err: scrubSecrets(String((err as Error)?.message), secrets) }, 'channel media not fetched');
  }
  let transcript: string | undefined;
  if (fetched) {
    const mime = fetched.mimeType || m.media.mimeType || 'application/octet-stream';
    const key = `channels/${actor.workspaceId}/${conn.id}/${randomUUID()}.${EXT[mime.split(';')[0]] ?? 'bin'}`;
    const storage = await getStorage();
    await storage.put(key, fetched.bytes, mime);
    attachment.key = key;
    attachment.mime_type = mime;
    attachment.size = fetched.bytes.byteLength;
    if (fetched.fileName && !attachment.name) attachment.name = fetched.fileName;
    if (m.kind === 'voice' || m.kind === 'audio') {
      const result = await transcribeAudio(actor.workspaceId, { bytes: fetched.bytes, mimeType: mime, fileName: fetched.fileName ?? m.media.fileName });
      if (result?.text) {
        transcript = result.text;
        attachment.transcript = result.text;
      }
    }
  }
  return { ...m, attachments: [attachment], ...(transcript ? { transcript } : {}) };
}

async function applyStatuses(actor: SystemActor, statuses: DeliveryStatus[], now: Date): Promise<void> {
  await withActor(actor, async (tx) => {
    const ids = [...new Set(statuses.map((s) => s.externalMessageId))];
    const rows = await tx
      .select({ id: messages.id, status: messages.status, externalMessageId: messages.externalMessageId })
      .from(messages)
      .where(and(eq(messages.workspaceId, actor.workspaceId), eq(messages.direction, 'outbound'), inArray(messages.externalMessageId, ids)));
    for (const s of statuses) {
      for (const r of rows.filter((x) => x.externalMessageId === s.externalMessageId)) {
        if (s.status === 'failed') {
          await tx
            .update(messages)
            .set({ status: 'failed', isSent: false, error: (s.error ?? 'The channel reported the message as not delivered').slice(0, 1000), updatedAt: sql`now()` })
            .where(and(eq(messages.workspaceId, actor.workspaceId), eq(messages.id, r.id)));
          r.status = 'failed';
        } else if ((RANK[s.status] ?? -1) > (RANK[r.status] ?? 99)) {
          await tx
            .update(messages)
            .set({ status: s.status, isSent: true, sentAt: sql`coalesce(${messages.sentAt}, ${now.toISOString()}::timestamptz)`, updatedAt: sql`now()` })
            .where(and(eq(messages.workspaceId, actor.workspaceId), eq(messages.id, r.id)));
          r.status = s.status;
        }
      }
    }
  });
}

async function finish(actor: SystemActor, updateId: string, state: 'processed' | 'ignored' | 'failed', error: string | null, messageId: string | null = null): Promise<UpdateOutcome> {
  await withActor(actor, (tx) =>
    tx
      .update(channelUpdates)
      .set({ state, error: error?.slice(0, 1000) ?? null, messageId, processedAt: sql`now()` })
      .where(and(eq(channelUpdates.workspaceId, actor.workspaceId), eq(channelUpdates.id, updateId))),
  );
  return state === 'failed' ? 'ignored' : state;
}
