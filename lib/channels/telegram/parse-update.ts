// A Telegram Update -> what the inbound path needs. Only a `message` from a person in a
// private chat becomes an InboundMessage; `/start <code>` there is an owner linking its
// notifications (seed 003). Everything else is ignored with a reason; nothing here throws.
import type { InboundKind, InboundMessage, ParsedUpdate } from '../types';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const idOf = (v: unknown): string | null => (typeof v === 'number' || (typeof v === 'string' && v !== '') ? String(v) : null);

const OTHER_PAYLOADS = [
  'edited_message',
  'channel_post',
  'edited_channel_post',
  'business_message',
  'edited_business_message',
  'callback_query',
  'inline_query',
  'my_chat_member',
  'chat_member',
  'message_reaction',
] as const;

function media(o: Obj, extra: { mimeType?: string | null; fileName?: string | null } = {}): InboundMessage['media'] {
  return {
    fileRef: String(o.file_id),
    mimeType: extra.mimeType ?? str(o.mime_type),
    fileName: extra.fileName ?? str(o.file_name),
    size: num(o.file_size),
    durationSeconds: num(o.duration),
  };
}

function largestPhoto(sizes: unknown[]): Obj | null {
  let best: Obj | null = null;
  let bestScore = -1;
  for (const s of sizes) {
    if (!isObj(s) || !str(s.file_id)) continue;
    const score = num(s.file_size) ?? (num(s.width) ?? 0) * (num(s.height) ?? 0);
    if (score >= bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

export function parseTelegramUpdate(payload: unknown): ParsedUpdate {
  if (!isObj(payload)) return { messages: [], ignored: 'not an update' };
  const msg = payload.message;
  if (!isObj(msg)) {
    const other = OTHER_PAYLOADS.find((k) => k in payload);
    return { messages: [], ignored: other ? `${other} is not handled` : 'no message in the update' };
  }
  const chat = isObj(msg.chat) ? msg.chat : null;
  const from = isObj(msg.from) ? msg.from : null;
  const chatId = idOf(chat?.id);
  const messageId = idOf(msg.message_id);
  if (!chat || !chatId || !messageId) return { messages: [], ignored: 'message without chat or id' };
  if (!from || !idOf(from.id)) return { messages: [], ignored: 'message without a sender' };
  if (from.is_bot === true) return { messages: [], ignored: "a bot's message" };
  if (chat.type !== 'private') return { messages: [], ignored: `${String(chat.type)} chat` };

  const username = str(from.username);
  const text = str(msg.text) ?? '';
  const start = /^\/start(?:@\w+)?\s+(\S+)\s*$/.exec(text);
  if (start) return { messages: [], ownerLink: { code: start[1]!, chatId, username } };

  const caption = str(msg.caption) ?? '';
  let kind: InboundKind;
  let body = caption;
  let m: InboundMessage['media'];
  let phone: string | null = null;
  if (str(msg.text) !== null) {
    kind = 'text';
    body = text;
  } else if (isObj(msg.voice) && str(msg.voice.file_id)) {
    kind = 'voice';
    m = media(msg.voice, { mimeType: str(msg.voice.mime_type) ?? 'audio/ogg' });
  } else if (isObj(msg.audio) && str(msg.audio.file_id)) {
    kind = 'audio';
    m = media(msg.audio);
  } else if (Array.isArray(msg.photo) && largestPhoto(msg.photo)) {
    kind = 'image';
    m = media(largestPhoto(msg.photo)!, { mimeType: 'image/jpeg' });
  } else if (isObj(msg.video) && str(msg.video.file_id)) {
    kind = 'video';
    m = media(msg.video);
  } else if (isObj(msg.video_note) && str(msg.video_note.file_id)) {
    kind = 'video';
    m = media(msg.video_note, { mimeType: 'video/mp4' });
  } else if (isObj(msg.document) && str(msg.document.file_id)) {
    kind = 'document';
    m = media(msg.document);
  } else if (isObj(msg.sticker) && str(msg.sticker.file_id)) {
    kind = 'sticker';
    body = str(msg.sticker.emoji) ?? '';
    m = media(msg.sticker, { mimeType: msg.sticker.is_animated ? 'application/x-tgsticker' : msg.sticker.is_video ? 'video/webm' : 'image/webp' });
  } else if (isObj(msg.location) && num(msg.location.latitude) !== null && num(msg.location.longitude) !== null) {
    kind = 'location';
    body = `${msg.location.latitude}, ${msg.location.longitude}`;
  } else if (isObj(msg.contact) && str(msg.contact.phone_number)) {
    kind = 'contact';
    const c = msg.contact;
    body = [str(c.first_name), str(c.last_name), str(c.phone_number)].filter(Boolean).join(' ');
    if (idOf(c.user_id) === idOf(from.id)) phone = str(c.phone_number);
  } else {
    return { messages: [], ignored: 'unsupported message content' };
  }

  const name = [str(from.first_name), str(from.last_name)].filter(Boolean).join(' ').trim() || null;
  const date = num(msg.date);
  return {
    messages: [
      {
        externalMessageId: `${chatId}:${messageId}`,
        chatId,
        sender: { externalId: String(from.id), name, username, ...(phone ? { phone } : {}) },
        sentAt: date !== null ? new Date(date * 1000) : new Date(),
        kind,
        text: body,
        ...(m ? { media: m } : {}),
      },
    ],
  };
}
