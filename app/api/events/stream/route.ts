// The dashboard's live events (SSE); see lib/realtime/event-stream.ts and docs/channels-api.md "Realtime".
import { createEventStreamHandler } from '@/lib/realtime/event-stream';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = createEventStreamHandler();
