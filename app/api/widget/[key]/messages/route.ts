import { parseBody } from '@/lib/channels/web-chat/parse-body';
import { postWidgetMessage, widgetMessageSchema } from '@/lib/channels/web-chat/post-widget-message';
import { widgetPreflight, widgetRoute } from '@/lib/channels/web-chat/widget-route';

export const POST = widgetRoute(
  async ({ req, conn, actor, ip }) => postWidgetMessage(actor, conn, await parseBody(req, widgetMessageSchema), ip),
  { status: 202 },
);

export const OPTIONS = widgetPreflight('POST');
