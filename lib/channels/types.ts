// One adapter interface for every messenger channel (issue 9). An adapter knows its provider's
// wire format and nothing about our tables: the inbound path (lib/channels/inbound) turns what
// it parses into clients, conversations and messages; delivery (lib/channels/delivery) hands it
// what to send. Adapters make network calls, so they are never called inside a transaction.

export const CHANNEL_TYPES = ['telegram', 'whatsapp', 'web_chat'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** A connection as the channel code sees it (an `integrations` row of a channel type). */
export interface ChannelConnection {
  id: string;
  workspaceId: string;
  type: ChannelType;
  name: string | null;
  isActive: boolean;
  isConnected: boolean;
  pipelineId: string | null;
  publicKey: string | null;
  /** Non-secret settings (telegram: bot_id, bot_username, mode; whatsapp: phone_number_id ...). */
  config: Record<string, unknown>;
}

/** Decrypted secrets of a connection (telegram: bot_token, webhook_secret; whatsapp: access_token, app_secret). */
export type ChannelSecrets = Record<string, string>;

export type InboundKind = 'text' | 'voice' | 'audio' | 'image' | 'document' | 'video' | 'sticker' | 'location' | 'contact';

/** One customer message parsed out of a provider update (media not yet fetched). */
export interface InboundMessage {
  /** Unique per chat: telegram `<chat_id>:<message_id>`, whatsapp wamid, widget client message id. */
  externalMessageId: string;
  /** Where replies go: telegram chat id, whatsapp wa_id, widget visitor id. */
  chatId: string;
  sender: { externalId: string; name?: string | null; username?: string | null; phone?: string | null };
  sentAt: Date;
  kind: InboundKind;
  /** The text, or a media caption; '' when none. */
  text: string;
  media?: { fileRef: string; mimeType?: string | null; fileName?: string | null; size?: number | null; durationSeconds?: number | null };
}

/** A delivery report for a message we sent (WhatsApp statuses). */
export interface DeliveryStatus {
  externalMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  error?: string | null;
}

export interface ParsedUpdate {
  messages: InboundMessage[];
  statuses?: DeliveryStatus[];
  /** `/start <code>` sent to the bot by a member linking owner notifications (seed 003). */
  ownerLink?: { code: string; chatId: string; username?: string | null };
  /** Why nothing is to be done (edited message, a bot's own message, a service update ...). */
  ignored?: string;
}

export interface FetchedMedia {
  bytes: Uint8Array;
  mimeType: string;
  fileName?: string | null;
}

export interface OutboundMessage {
  chatId: string;
  text: string;
  /**
   * Provider ids of the parts of this (split) text an earlier attempt delivered before it failed
   * (kept on the message, so any process's retry sends only the rest).
   */
  alreadySent?: string[];
}

export interface SendResult {
  /** Provider ids of what went out (a long Telegram reply is several messages). */
  externalMessageIds: string[];
}

/**
 * A send that did not go out. `retryAfterSeconds`: try again then (429); `permanent`: do not
 * retry (blocked by the user, WhatsApp's 24-hour window closed, invalid token).
 * Codes: rate_limited, window_closed, blocked, chat_not_found, invalid_token, provider_error, network.
 */
export class ChannelSendError extends Error {
  readonly code: string;
  readonly retryAfterSeconds?: number;
  readonly permanent: boolean;
  /** Provider ids of the parts that went out before the failure (a split reply). */
  readonly delivered: string[];
  constructor(code: string, message: string, opts: { retryAfterSeconds?: number; permanent?: boolean; delivered?: string[] } = {}) {
    super(message);
    this.name = 'ChannelSendError';
    this.code = code;
    this.retryAfterSeconds = opts.retryAfterSeconds;
    this.permanent = opts.permanent ?? false;
    this.delivered = opts.delivered ?? [];
  }
}

export interface SendOptions {
  signal?: AbortSignal;
}

export interface ChannelAdapter {
  type: ChannelType;
  /** Parses a stored raw update; never throws on unknown shapes (returns `ignored`). */
  parseUpdate(payload: unknown): ParsedUpdate;
  /** Downloads a media file named by an InboundMessage's fileRef. */
  fetchMedia?(conn: ChannelConnection, secrets: ChannelSecrets, fileRef: string, opts?: SendOptions): Promise<FetchedMedia>;
  /** Sends a text; splits, paces and honours the provider's limits itself. Throws ChannelSendError. */
  send(conn: ChannelConnection, secrets: ChannelSecrets, msg: OutboundMessage, opts?: SendOptions): Promise<SendResult>;
  /** Shows "typing…" while a reply is prepared (best effort, never throws). */
  sendTyping?(conn: ChannelConnection, secrets: ChannelSecrets, chatId: string): Promise<void>;
  /**
   * Whether a free-form reply may go out now (WhatsApp: within 24 h of the customer's last
   * message). Absent = always. A refusal becomes ChannelSendError('window_closed', permanent).
   */
  canSendFreeForm?(lastInboundAt: Date | null, now: Date): boolean;
  /** Undoes the provider side of a connection (Telegram: deleteWebhook); may throw, callers treat it as best effort. */
  disconnect?(conn: ChannelConnection, secrets: ChannelSecrets): Promise<void>;
}

/** Due-work kinds of the channel path (subjects in brackets). */
export const CHANNEL_DUE_KINDS = {
  /** Process a stored raw update [update:<channel_updates.id>]. */
  update: 'channel.update',
  /** The agent's reply after the delay / when working hours open [conversation:<id>]. */
  reply: 'conversation.reply',
  /** A paused agent resumes by itself (auto_resume_after) [conversation:<id>]. */
  resume: 'conversation.resume',
  /** Deliver an outbound message through its channel [message:<id>]. */
  deliver: 'message.deliver',
  /** Send a notification to the members' linked Telegram chats [notification:<id>]. */
  ownerNotify: 'notification.telegram',
} as const;

/** The system actor name the channel path runs as (rights in the channels migration). */
export const CHANNELS_ACTOR = 'channels';
