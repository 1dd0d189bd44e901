// The site chat's adapter. Visitors' messages arrive through the public widget API and are
// ingested directly (lib/channels/web-chat/post-widget-message.ts); a stored raw update of this
// type, should one exist, has the same fields. Sending only confirms: the visitor reads the
// reply from the widget's stream once delivery marks it sent.
import type { ChannelAdapter, InboundMessage, ParsedUpdate } from '../types';

interface WidgetUpdate {
  client_message_id?: unknown;
  visitor_id?: unknown;
  text?: unknown;
  sent_at?: unknown;
}

function parseUpdate(payload: unknown): ParsedUpdate {
  const u = (payload && typeof payload === 'object' ? payload : {}) as WidgetUpdate;
  if (typeof u.client_message_id !== 'string' || typeof u.visitor_id !== 'string' || typeof u.text !== 'string' || !u.text.trim()) {
    return { messages: [], ignored: 'not a widget message' };
  }
  const sentAt = typeof u.sent_at === 'string' && !Number.isNaN(Date.parse(u.sent_at)) ? new Date(u.sent_at) : new Date();
  const message: InboundMessage = {
    externalMessageId: u.client_message_id,
    chatId: u.visitor_id,
    sender: { externalId: u.visitor_id, name: null },
    sentAt,
    kind: 'text',
    text: u.text.trim(),
  };
  return { messages: [message] };
}

export const webChatAdapter: ChannelAdapter = {
  type: 'web_chat',
  parseUpdate,
  send: async () => ({ externalMessageIds: [] }),
};
