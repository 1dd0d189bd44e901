// The Telegram channel adapter (Bot API, integration-facts §1). Network only: never call it
// inside a database transaction.
import { ChannelSendError, type ChannelAdapter, type ChannelConnection, type ChannelSecrets, type FetchedMedia, type SendOptions } from '../types';
import { TelegramApiError, callTelegram, downloadTelegramFile } from './bot-api';
import { reserveSendSlot, sleep } from './pacing';
import { parseTelegramUpdate } from './parse-update';
import { splitText } from './split-text';

/** The hosted Bot API hands out files of at most 20 MB. */
export const TELEGRAM_MAX_FILE_BYTES = 20 * 1024 * 1024;
/** A 429 asking to wait longer than this goes back to the caller (due work retries later). */
const MAX_INLINE_RETRY_AFTER_S = 10;
const MAX_INLINE_RETRIES = 3;

function tokenOf(secrets: ChannelSecrets): string {
  const token = secrets.bot_token;
  if (!token) throw new ChannelSendError('invalid_token', 'The connection has no bot token', { permanent: true });
  return token;
}

/** Telegram's error -> the channel error every caller understands. */
export function toSendError(err: unknown): ChannelSendError {
  if (err instanceof ChannelSendError) return err;
  if (!(err instanceof TelegramApiError)) return new ChannelSendError('network', err instanceof Error ? err.message : 'send failed');
  const d = err.description.toLowerCase();
  if (err.status === 0) return new ChannelSendError('network', err.description);
  if (err.status === 429) return new ChannelSendError('rate_limited', 'Telegram asked to slow down', { retryAfterSeconds: err.retryAfter ?? 1 });
  if (err.status === 401 || err.status === 404) return new ChannelSendError('invalid_token', 'The bot token is no longer valid', { permanent: true });
  if (err.status === 403) {
    const code = d.includes('blocked') || d.includes('deactivated') ? 'blocked' : 'chat_not_found';
    return new ChannelSendError(code, err.description, { permanent: true });
  }
  if (err.status === 400 && d.includes('chat not found')) return new ChannelSendError('chat_not_found', err.description, { permanent: true });
  if (err.status >= 500) return new ChannelSendError('provider_error', err.description);
  return new ChannelSendError('provider_error', err.description, { permanent: true });
}

function botKey(conn: ChannelConnection, token: string): string {
  return String(conn.config.bot_id ?? token.split(':')[0] ?? conn.id);
}

/** One sendMessage with pacing; a 429 of at most 10 s is waited out and retried. */
async function sendPart(token: string, key: string, chatId: string, text: string, opts: SendOptions): Promise<{ message_id: number }> {
  for (let attempt = 0; ; attempt++) {
    await sleep(reserveSendSlot(key, chatId), opts.signal);
    try {
      return await callTelegram<{ message_id: number }>(token, 'sendMessage', { chat_id: chatId, text }, { signal: opts.signal });
    } catch (err) {
      const e = toSendError(err);
      const wait = e.retryAfterSeconds;
      if (e.code === 'rate_limited' && wait !== undefined && wait <= MAX_INLINE_RETRY_AFTER_S && attempt < MAX_INLINE_RETRIES) {
        await sleep(wait * 1000, opts.signal);
        continue;
      }
      throw e;
    }
  }
}

export const telegramAdapter: ChannelAdapter = {
  type: 'telegram',

  parseUpdate: parseTelegramUpdate,

  async send(conn, secrets, msg, opts = {}) {
    const token = tokenOf(secrets);
    const parts = splitText(msg.text);
    if (!parts.length) throw new ChannelSendError('provider_error', 'Nothing to send: the text is empty', { permanent: true });
    const key = botKey(conn, token);
    // A long reply that failed after some parts went out: the retry sends only the rest (the
    // delivery path keeps what went out on the message and hands it back as alreadySent).
    const ids: string[] = (msg.alreadySent ?? []).slice(0, parts.length);
    for (const part of parts.slice(ids.length)) {
      try {
        const sent = await sendPart(token, key, msg.chatId, part, opts);
        ids.push(`${msg.chatId}:${sent.message_id}`);
      } catch (err) {
        const e = err instanceof ChannelSendError ? err : toSendError(err);
        throw new ChannelSendError(e.code, e.message, { retryAfterSeconds: e.retryAfterSeconds, permanent: e.permanent, delivered: ids });
      }
    }
    return { externalMessageIds: ids };
  },

  async sendTyping(conn, secrets, chatId) {
    try {
      await callTelegram(tokenOf(secrets), 'sendChatAction', { chat_id: chatId, action: 'typing' }, { timeoutMs: 5_000 });
    } catch {
      // best effort
    }
  },

  async fetchMedia(conn, secrets, fileRef, opts = {}): Promise<FetchedMedia> {
    const token = tokenOf(secrets);
    try {
      const file = await callTelegram<{ file_path?: string; file_size?: number }>(token, 'getFile', { file_id: fileRef }, { signal: opts.signal });
      if (typeof file.file_size === 'number' && file.file_size > TELEGRAM_MAX_FILE_BYTES) {
        throw new ChannelSendError('too_large', 'The file is larger than 20 MB', { permanent: true });
      }
      if (!file.file_path) throw new ChannelSendError('provider_error', 'Telegram gave no file path', { permanent: true });
      const bytes = await downloadTelegramFile(token, file.file_path, TELEGRAM_MAX_FILE_BYTES, { signal: opts.signal });
      const fileName = file.file_path.split('/').pop() ?? null;
      return { bytes, mimeType: mimeFromPath(file.file_path), fileName };
    } catch (err) {
      if (err instanceof TelegramApiError && err.status === 413) throw new ChannelSendError('too_large', 'The file is larger than 20 MB', { permanent: true });
      throw toSendError(err);
    }
  },

  async disconnect(conn, secrets) {
    if (!secrets.bot_token) return;
    await callTelegram(secrets.bot_token, 'deleteWebhook', { drop_pending_updates: false }, { timeoutMs: 10_000 });
  },
};

const MIME: Record<string, string> = {
  oga: 'audio/ogg',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  pdf: 'application/pdf',
  tgs: 'application/x-tgsticker',
  txt: 'text/plain',
};

export function mimeFromPath(path: string): string {
  const ext = path.split('.').pop()?.toLowerCase() ?? '';
  return MIME[ext] ?? 'application/octet-stream';
}
