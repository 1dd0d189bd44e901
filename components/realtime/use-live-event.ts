'use client';
// useLiveEvent(['message:new'], (e) => …): called for each matching event of the page's
// workspace, once, in order. '*' = every event. Outside the dashboard (no provider) it does
// nothing. The handler may change on every render; the subscription stays.
import { useContext, useEffect, useRef } from 'react';
import { LiveEventsContext } from './live-events-provider';
import type { LiveEvent, LiveHandler, LiveStatus } from './live-event-types';

export type { LiveEvent, LiveHandler, LiveStatus };

export function useLiveEvent(types: string[] | '*', handler: LiveHandler): void {
  const ctx = useContext(LiveEventsContext);
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  const key = types === '*' ? '*' : [...types].sort().join('|');
  useEffect(() => {
    if (!ctx) return;
    const list = key === '*' ? '*' : key.split('|').filter(Boolean);
    return ctx.subscribe(list, (e) => ref.current(e));
  }, [ctx, key]);
}

/** 'live' while the stream is open; 'connecting' / 'reconnecting' otherwise (null outside the dashboard). */
export function useLiveStatus(): LiveStatus | null {
  return useContext(LiveEventsContext)?.status ?? null;
}
