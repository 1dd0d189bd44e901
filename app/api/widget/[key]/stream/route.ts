import { z } from 'zod';
import { AppError } from '@/lib/api/errors';
import { parseQuery } from '@/lib/api/request';
import { openWidgetStream } from '@/lib/channels/web-chat/stream-widget';
import { consumeWidget } from '@/lib/channels/web-chat/widget-limits';
import { widgetPreflight, widgetRoute } from '@/lib/channels/web-chat/widget-route';

export const dynamic = 'force-dynamic';

const querySchema = z.object({
  visitor_token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: 'Start a session first' }),
  after: z.string().regex(/^\d{1,15}$/).optional(),
});

export const GET = widgetRoute(async ({ req, conn, actor, ip }) => {
  let query: z.infer<typeof querySchema>;
  try {
    query = parseQuery(req, querySchema);
  } catch (err) {
    if (err instanceof AppError && err.status === 400) throw new AppError(422, 'validation_error', err.message, err.details);
    throw err;
  }
  if (ip) await consumeWidget('ip', `${conn.id}:${ip}`);
  const lastEventId = req.headers.get('last-event-id');
  const after = lastEventId && /^\d{1,15}$/.test(lastEventId) ? Number(lastEventId) : query.after ? Number(query.after) : null;
  return openWidgetStream(actor, conn, query.visitor_token, { after, signal: req.signal });
});

export const OPTIONS = widgetPreflight('GET');
