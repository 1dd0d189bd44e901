import { openWidgetSession, widgetSessionSchema } from '@/lib/channels/web-chat/open-widget-session';
import { parseBody } from '@/lib/channels/web-chat/parse-body';
import { consumeWidget } from '@/lib/channels/web-chat/widget-limits';
import { widgetPreflight, widgetRoute } from '@/lib/channels/web-chat/widget-route';

export const POST = widgetRoute(async ({ req, conn, actor, ip }) => {
  if (ip) await consumeWidget('ip', `${conn.id}:${ip}`);
  return openWidgetSession(actor, conn, await parseBody(req, widgetSessionSchema, true));
});

export const OPTIONS = widgetPreflight('POST');
