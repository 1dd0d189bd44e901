// WhatsApp webhook payloads (integration-facts §3): { object: "whatsapp_business_account",
// entry: [{ id, changes: [{ field: "messages", value: { metadata, contacts[], messages[],
// statuses[] } }] }] }. The webhook stores one message or one status per channel_updates
// row, in this same envelope, so parsing a stored row and a whole delivery is one function.
// Never throws: an unknown shape is `ignored`.
import type { DeliveryStatus, InboundKind, InboundMessage, ParsedUpdate } from '../types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export interface WhatsAppChangeValue {
  phoneNumberId: string | null;
  value: Obj;
}

/** Every `messages` change value of an envelope (other fields are not ours). */
export function changeValues(payload: unknown): WhatsAppChangeValue[] {
  if (!isObj(payload)) return [];
  const out: WhatsAppChangeValue[] = [];
  for (const entry of arr(payload.entry)) {
    if (!isObj(entry)) continue;
    for (const change of arr(entry.changes)) {
      if (!isObj(change) || !isObj(change.value)) continue;
      if (change.field !== undefined && change.field !== 'messages') continue;
      const meta = isObj(change.value.metadata) ? change.value.metadata : {};
      out.push({ phoneNumberId: str(meta.phone_number_id), value: change.value });
    }
  }
  return out;
}

/** Whether a body looks like a WhatsApp Business webhook at all. */
export function isWhatsAppEnvelope(payload: unknown): payload is Obj {
  return isObj(payload) && payload.object === 'whatsapp_business_account' && Array.isArray(payload.entry);
}

const MEDIA_KINDS: Record<string, InboundKind> = {
  image: 'image',
  document: 'document',
  video: 'video',
  sticker: 'sticker',
  audio: 'audio',
};

function sentAt(ts: unknown): Date {
  const n = Number(ts);
  return Number.isFinite(n) && n > 0 ? new Date(n * 1000) : new Date();
}

function parseMessage(m: Obj, names: Map<string, string>): InboundMessage | null {
  const id = str(m.id);
  const from = str(m.from);
  const type = str(m.type);
  if (!id || !from || !type) return null;
  const base = {
    externalMessageId: id,
    chatId: from,
    sender: { externalId: from, name: names.get(from) ?? null, phone: `+${from.replace(/^\+/, '')}` },
    sentAt: sentAt(m.timestamp),
  };
  const body = isObj(m[type]) ? (m[type] as Obj) : {};
  switch (type) {
    case 'text': {
      const text = str(body.body);
      return text ? { ...base, kind: 'text', text } : null;
    }
    case 'audio':
    case 'image':
    case 'document':
    case 'video':
    case 'sticker': {
      const mediaId = str(body.id);
      if (!mediaId) return null;
      const kind: InboundKind = type === 'audio' && body.voice === true ? 'voice' : MEDIA_KINDS[type];
      return {
        ...base,
        kind,
        text: str(body.caption) ?? '',
        media: { fileRef: mediaId, mimeType: str(body.mime_type), fileName: str(body.filename) },
      };
    }
    case 'location': {
      const parts = [str(body.name), str(body.address), body.latitude !== undefined ? `${body.latitude}, ${body.longitude}` : null];
      return { ...base, kind: 'location', text: parts.filter(Boolean).join('\n') };
    }
    case 'contacts': {
      const lines = arr(m.contacts).map((c) => {
        const o = isObj(c) ? c : {};
        const name = isObj(o.name) ? str(o.name.formatted_name) : null;
        const phones = arr(o.phones).map((p) => (isObj(p) ? str(p.phone) : null)).filter(Boolean);
        return [name, ...phones].filter(Boolean).join(' ');
      });
      return { ...base, kind: 'contact', text: lines.filter(Boolean).join('\n') };
    }
    case 'button': {
      const text = str(body.text) ?? str(body.payload);
      return text ? { ...base, kind: 'text', text } : null;
    }
    case 'interactive': {
      const reply = isObj(body.button_reply) ? body.button_reply : isObj(body.list_reply) ? body.list_reply : null;
      const text = reply ? str(reply.title) : null;
      return text ? { ...base, kind: 'text', text } : null;
    }
    default:
      return null; // reaction, unsupported, system, order ...
  }
}

function parseStatus(s: Obj): DeliveryStatus | null {
  const id = str(s.id);
  const status = str(s.status);
  if (!id || (status !== 'sent' && status !== 'delivered' && status !== 'read' && status !== 'failed')) return null;
  const err = arr(s.errors).find(isObj);
  const error = err ? [str(err.code), str(err.title) ?? str(err.message)].filter(Boolean).join(': ') : null;
  return { externalMessageId: id, status, error };
}

export function parseWhatsAppUpdate(payload: unknown): ParsedUpdate {
  if (!isWhatsAppEnvelope(payload)) return { messages: [], ignored: 'not a WhatsApp Business webhook payload' };
  const messages: InboundMessage[] = [];
  const statuses: DeliveryStatus[] = [];
  let skipped = 0;
  for (const { value } of changeValues(payload)) {
    const names = new Map<string, string>();
    for (const c of arr(value.contacts)) {
      if (!isObj(c)) continue;
      const waId = str(c.wa_id);
      const name = isObj(c.profile) ? str(c.profile.name) : null;
      if (waId && name) names.set(waId, name);
    }
    for (const m of arr(value.messages)) {
      const parsed = isObj(m) ? parseMessage(m, names) : null;
      if (parsed) messages.push(parsed);
      else skipped++;
    }
    for (const s of arr(value.statuses)) {
      const parsed = isObj(s) ? parseStatus(s) : null;
      if (parsed) statuses.push(parsed);
      else skipped++;
    }
  }
  if (!messages.length && !statuses.length) {
    return { messages, ignored: skipped ? 'unsupported WhatsApp message type' : 'no messages or statuses' };
  }
  return statuses.length ? { messages, statuses } : { messages };
}
