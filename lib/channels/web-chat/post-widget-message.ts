// A visitor's message: stored through the channel inbound path (client and conversation by
// the hashed visitor token, idempotent by client_message_id, the agent's reply scheduled),
// answered 202 with the message as the visitor sees it; the reply arrives on the stream.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { withActor } from '@/lib/db/actor';
import { integrations } from '@/lib/db/schema/integrations';
import type { SystemActor } from '@/lib/jobs/jobs-tx';
import { ingestInboundMessages } from '@/lib/channels/inbound/ingest-inbound';
import type { ChannelConnection, InboundMessage } from '../types';
import type { WidgetConnection } from './find-widget-connection';
import { findOwnMessage, type PublicMessage } from './public-messages';
import { integrationColumns } from './present-web-chat';
import { visitorIdOf } from './visitor-token';
import { WIDGET_TEXT_MAX } from './widget-config';
import { consumeWidget } from './widget-limits';
import { notFound } from '@/lib/api/errors';

export const widgetMessageSchema = z.object({
  visitor_token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: 'Start a session first' }),
  text: z.string().trim().min(1, { message: 'Write a message' }).max(WIDGET_TEXT_MAX),
  client_message_id: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, { message: 'client_message_id: 1-100 letters, digits, _ . : -' }),
});
export type WidgetMessageInput = z.infer<typeof widgetMessageSchema>;

async function loadChannelConnection(actor: SystemActor, conn: WidgetConnection): Promise<ChannelConnection> {
  const [row] = await withActor(actor, (tx) =>
    tx
      .select(integrationColumns)
      .from(integrations)
      .where(and(eq(integrations.id, conn.id), eq(integrations.workspaceId, conn.workspaceId))),
  );
  if (!row) throw notFound('Widget');
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    type: 'web_chat',
    name: row.name,
    isActive: row.isActive,
    isConnected: row.isConnected,
    pipelineId: row.pipelineId,
    publicKey: row.publicKey,
    config: { ...row.config },
  };
}

export async function postWidgetMessage(
  actor: SystemActor,
  conn: WidgetConnection,
  input: WidgetMessageInput,
  ip: string | null,
): Promise<{ message: PublicMessage }> {
  const visitorId = visitorIdOf(input.visitor_token);
  await consumeWidget('visitor', `${conn.id}:${visitorId}`);
  if (ip) await consumeWidget('ip', `${conn.id}:${ip}`);
  const channel = await loadChannelConnection(actor, conn);
  const inbound: InboundMessage = {
    externalMessageId: input.client_message_id,
    chatId: visitorId,
    sender: { externalId: visitorId, name: null },
    sentAt: new Date(),
    kind: 'text',
    text: input.text,
  };
  // The inbound path opens its own transaction (it may schedule work, never calls out for text).
  const { conversationId } = await ingestInboundMessages(actor, channel, [inbound]);
  if (!conversationId) throw new Error('widget message not stored');
  const message = await withActor(actor, (tx) => findOwnMessage(tx, conn.workspaceId, conversationId, input.client_message_id));
  if (!message) throw new Error('widget message not stored');
  return { message };
}
