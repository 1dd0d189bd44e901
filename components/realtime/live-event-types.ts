// What the dashboard's event stream (GET /api/events/stream) delivers; shared by the provider
// and the hooks. Types the database triggers publish (docs/channels-api.md "Realtime").
export interface LiveEvent {
  seq: number;
  type: string;
  conversation_id: string | null;
  payload: Record<string, unknown>;
  created_at: string;
}

export type LiveHandler = (event: LiveEvent) => void;
export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

export const KNOWN_LIVE_EVENT_TYPES = [
  'message:new',
  'draft:new',
  'message:updated',
  'conversation:new',
  'conversation:updated',
  'notification:new',
  'quota:warning',
  'agent:status_changed',
  'suggestion:new',
  'suggestion:updated',
] as const;
