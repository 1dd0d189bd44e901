// The WhatsApp Business Cloud API adapter (integration-facts §3). Secrets: access_token,
// app_secret; config: phone_number_id. Free-form text only within 24 hours of the customer's
// last message (outside it Meta answers 131047; templates are not sent by the agent).
import type { ChannelAdapter, ChannelConnection, ChannelSecrets, FetchedMedia, SendOptions } from '../types';
import { ChannelSendError } from '../types';
import { graphRequest, toSendError } from './graph-api';
import { parseWhatsAppUpdate } from './parse-update';
import { splitText } from './split-text';

export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Largest media file downloaded (Cloud API documents go up to 100 MB; transcription takes 25 MB). */
export const WHATSAPP_MEDIA_MAX_BYTES = 25 * 1024 * 1024;

function credentials(conn: ChannelConnection, secrets: ChannelSecrets): { token: string; phoneNumberId: string } {
  const token = secrets.access_token;
  const phoneNumberId = typeof conn.config.phone_number_id === 'string' ? conn.config.phone_number_id : '';
  if (!token) throw new ChannelSendError('invalid_token', 'The WhatsApp connection has no access token', { permanent: true });
  if (!phoneNumberId) throw new ChannelSendError('provider_error', 'The WhatsApp connection has no phone number id', { permanent: true });
  return { token, phoneNumberId };
}

export function canSendFreeForm(lastInboundAt: Date | null, now: Date): boolean {
  if (!lastInboundAt) return false;
  const age = now.getTime() - lastInboundAt.getTime();
  return age < WHATSAPP_WINDOW_MS;
}

async function fetchMedia(conn: ChannelConnection, secrets: ChannelSecrets, fileRef: string, opts?: SendOptions): Promise<FetchedMedia> {
  const { token } = credentials(conn, secrets);
  const info = await graphRequest<{ url?: string; mime_type?: string; file_size?: number }>('GET', encodeURIComponent(fileRef), token, {
    signal: opts?.signal,
  });
  if (!info.ok || !info.body?.url) throw info.error ? toSendError(info.error) : new ChannelSendError('provider_error', 'No media URL');
  if (typeof info.body.file_size === 'number' && info.body.file_size > WHATSAPP_MEDIA_MAX_BYTES) {
    throw new ChannelSendError('provider_error', 'The media file is too large', { permanent: true });
  }
  let res: Response;
  try {
    // The media URL needs the same bearer token (it answers 404 without it).
    res = await fetch(info.body.url, {
      headers: { authorization: `Bearer ${token}` },
      signal: opts?.signal ? AbortSignal.any([opts.signal, AbortSignal.timeout(60_000)]) : AbortSignal.timeout(60_000),
    });
  } catch (err) {
    throw new ChannelSendError('network', `WhatsApp media download failed: ${(err as Error)?.name ?? 'error'}`);
  }
  if (!res.ok) {
    throw new ChannelSendError('provider_error', `WhatsApp media download failed with HTTP ${res.status}`, { permanent: res.status < 500 && res.status !== 429 });
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.byteLength > WHATSAPP_MEDIA_MAX_BYTES) throw new ChannelSendError('provider_error', 'The media file is too large', { permanent: true });
  const mimeType = (info.body.mime_type ?? res.headers.get('content-type') ?? 'application/octet-stream').split(';')[0].trim();
  return { bytes, mimeType };
}

export const whatsappAdapter: ChannelAdapter = {
  type: 'whatsapp',
  parseUpdate: parseWhatsAppUpdate,
  fetchMedia,
  canSendFreeForm,
  async send(conn, secrets, msg, opts) {
    const { token, phoneNumberId } = credentials(conn, secrets);
    const ids: string[] = [];
    for (const body of splitText(msg.text)) {
      const res = await graphRequest<{ messages?: { id?: string }[] }>('POST', `${encodeURIComponent(phoneNumberId)}/messages`, token, {
        signal: opts?.signal,
        body: { messaging_product: 'whatsapp', recipient_type: 'individual', to: msg.chatId, type: 'text', text: { preview_url: false, body } },
      });
      if (!res.ok) throw toSendError(res.error!);
      const id = res.body?.messages?.[0]?.id;
      if (id) ids.push(id);
    }
    return { externalMessageIds: ids };
  },
};
