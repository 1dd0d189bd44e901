'use client';
// One EventSource per tab for the page's workspace. Handlers registered with useLiveEvent get
// every event once, in order; after a drop the browser resumes with Last-Event-ID (or we reopen
// with ?after=<last seq> when the browser gave up), and `reset` (the gap is older than the kept
// log) makes every query refetch.
import { createContext, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { KNOWN_LIVE_EVENT_TYPES, type LiveEvent, type LiveHandler, type LiveStatus } from './live-event-types';
import { LiveIndicator } from './live-indicator';

interface Subscription {
  types: ReadonlySet<string> | '*';
  handler: LiveHandler;
}

export interface LiveEventsContextValue {
  subscribe(types: readonly string[] | '*', handler: LiveHandler): () => void;
  status: LiveStatus;
}

export const LiveEventsContext = createContext<LiveEventsContextValue | null>(null);

const RECONNECT_MIN_MS = 1_000;
const RECONNECT_MAX_MS = 30_000;

export function streamUrl(workspaceId: string, after: number | null): string {
  const q = new URLSearchParams({ workspace_id: workspaceId });
  if (after !== null) q.set('after', String(after));
  return `/api/events/stream?${q.toString()}`;
}

export function LiveEventsProvider({ workspaceId, children }: { workspaceId: string; children: ReactNode }) {
  const qc = useQueryClient();
  const subs = useRef(new Set<Subscription>());
  const source = useRef<EventSource | null>(null);
  const listened = useRef(new Set<string>());
  const lastSeq = useRef<number | null>(null);
  const [status, setStatus] = useState<LiveStatus>('connecting');

  const dispatch = useCallback(
    (e: MessageEvent) => {
      let event: LiveEvent;
      try {
        event = JSON.parse(String(e.data)) as LiveEvent;
      } catch {
        return;
      }
      if (typeof event.seq === 'number') {
        if (lastSeq.current !== null && event.seq <= lastSeq.current) return; // already seen
        lastSeq.current = event.seq;
      }
      for (const s of [...subs.current]) {
        if (s.types !== '*' && !s.types.has(event.type)) continue;
        try {
          s.handler(event);
        } catch (err) {
          console.error('live event handler failed', err);
        }
      }
    },
    [],
  );

  const listen = useCallback(
    (type: string) => {
      if (listened.current.has(type)) return;
      listened.current.add(type);
      source.current?.addEventListener(type, dispatch as EventListener);
    },
    [dispatch],
  );

  useEffect(() => {
    if (typeof window === 'undefined' || typeof EventSource === 'undefined') return;
    let closed = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let delay = RECONNECT_MIN_MS;
    lastSeq.current = null;

    const onReset = (e: MessageEvent) => {
      const seq = Number(e.lastEventId);
      if (Number.isFinite(seq) && e.lastEventId !== '') lastSeq.current = seq;
      void qc.invalidateQueries();
      for (const s of [...subs.current]) {
        if (s.types === '*' || s.types.has('reset')) {
          s.handler({ seq: lastSeq.current ?? 0, type: 'reset', conversation_id: null, payload: {}, created_at: new Date().toISOString() });
        }
      }
    };

    const open = () => {
      if (closed) return;
      const es = new EventSource(streamUrl(workspaceId, lastSeq.current), { withCredentials: true });
      source.current = es;
      for (const type of listened.current) es.addEventListener(type, dispatch as EventListener);
      es.addEventListener('reset', onReset as EventListener);
      es.onopen = () => {
        delay = RECONNECT_MIN_MS;
        setStatus('live');
      };
      es.onerror = () => {
        if (closed) return;
        if (es.readyState === EventSource.CLOSED) {
          // The browser gave up (an error status such as 401/403/5xx): reopen ourselves with
          // ?after= so nothing in between is lost, with a growing pause.
          es.close();
          setStatus('reconnecting');
          retryTimer = setTimeout(open, delay);
          delay = Math.min(delay * 2, RECONNECT_MAX_MS);
        } else {
          setStatus('reconnecting'); // the browser retries by itself with Last-Event-ID
        }
      };
    };

    for (const type of KNOWN_LIVE_EVENT_TYPES) listened.current.add(type);
    open();
    return () => {
      closed = true;
      clearTimeout(retryTimer);
      source.current?.close();
      source.current = null;
    };
  }, [workspaceId, qc, dispatch]);

  const subscribe = useCallback(
    (types: readonly string[] | '*', handler: LiveHandler) => {
      const sub: Subscription = { types: types === '*' ? '*' : new Set(types), handler };
      if (types !== '*') for (const t of types) if (t !== 'reset') listen(t);
      subs.current.add(sub);
      return () => {
        subs.current.delete(sub);
      };
    },
    [listen],
  );

  const value = useMemo(() => ({ subscribe, status }), [subscribe, status]);
  return (
    <LiveEventsContext.Provider value={value}>
      {children}
      <LiveIndicator status={status} />
    </LiveEventsContext.Provider>
  );
}
