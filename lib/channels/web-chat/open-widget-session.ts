// A widget page load: the visitor's token (a new one when none or a malformed one is given),
// their conversation and its visible history, and what the widget shows.
import { z } from 'zod';
import { withActor } from '@/lib/db/actor';
import type { SystemActor } from '@/lib/jobs/jobs-tx';
import type { WidgetConnection } from './find-widget-connection';
import { findVisitorConversation, listPublicMessages, type PublicMessage } from './public-messages';
import { isVisitorToken, newVisitorToken, visitorIdOf } from './visitor-token';

export const widgetSessionSchema = z.object({ visitor_token: z.string().max(200).nullish() });

export interface WidgetSession {
  visitor_token: string;
  conversation_id: string | null;
  messages: PublicMessage[];
  settings: { title: string | null; greeting: string | null; color: string | null };
}

export async function openWidgetSession(
  actor: SystemActor,
  conn: WidgetConnection,
  input: z.infer<typeof widgetSessionSchema>,
): Promise<WidgetSession> {
  const settings = { title: conn.config.title, greeting: conn.config.greeting, color: conn.config.color };
  if (!isVisitorToken(input.visitor_token)) {
    return { visitor_token: newVisitorToken(), conversation_id: null, messages: [], settings };
  }
  const token = input.visitor_token;
  return withActor(actor, async (tx) => {
    const conversationId = await findVisitorConversation(tx, conn.workspaceId, visitorIdOf(token));
    const messages = conversationId ? await listPublicMessages(tx, conn.workspaceId, conversationId) : [];
    return { visitor_token: token, conversation_id: conversationId, messages, settings };
  });
}
