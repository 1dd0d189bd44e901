'use client';
// Refetch queries when events of these types arrive; a burst (an import, a busy inbox) costs
// one refetch per `waitMs`, not one per event. While a pointer is pressed (a card being dragged,
// text being selected) the refetch waits for its release: nothing moves under the user's hand.
import { useEffect, useRef } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useLiveEvent } from './use-live-event';

let pressed = 0;
let releaseWaiters: Array<() => void> = [];
let tracking = false;

function trackPointer(): void {
  if (tracking || typeof window === 'undefined') return;
  tracking = true;
  window.addEventListener('pointerdown', () => (pressed += 1), true);
  const up = () => {
    pressed = 0;
    const waiters = releaseWaiters;
    releaseWaiters = [];
    for (const w of waiters) w();
  };
  window.addEventListener('pointerup', up, true);
  window.addEventListener('pointercancel', up, true);
  window.addEventListener('blur', up);
}

function whenReleased(fn: () => void): void {
  if (pressed > 0) releaseWaiters.push(fn);
  else fn();
}

export function useLiveInvalidate(types: string[] | '*', queryKeys: QueryKey[], waitMs = 400): void {
  const qc = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const keys = useRef(queryKeys);
  const alive = useRef(true);
  useEffect(() => {
    keys.current = queryKeys;
  });
  useEffect(() => {
    alive.current = true;
    trackPointer();
    return () => {
      alive.current = false;
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, []);
  useLiveEvent(types, () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      whenReleased(() => {
        timer.current = null;
        if (!alive.current) return;
        for (const queryKey of keys.current) void qc.invalidateQueries({ queryKey });
      });
    }, waitMs);
  });
}
