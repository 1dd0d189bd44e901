'use client';
// Refetch queries when events of these types arrive; a burst (an import, a busy inbox) costs
// one refetch per `waitMs`, not one per event.
import { useEffect, useRef } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useLiveEvent } from './use-live-event';

export function useLiveInvalidate(types: string[] | '*', queryKeys: QueryKey[], waitMs = 400): void {
  const qc = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const keys = useRef(queryKeys);
  useEffect(() => {
    keys.current = queryKeys;
  });
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  useLiveEvent(types, () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      for (const queryKey of keys.current) void qc.invalidateQueries({ queryKey });
    }, waitMs);
  });
}
