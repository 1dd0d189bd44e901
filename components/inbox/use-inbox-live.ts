'use client';
// Live inbox: message and conversation events refetch what they touch — the list (once per
// burst), and the open thread and its header when the event is about it. Debounced, so a busy
// inbox costs one refetch per key per 400 ms, not one per event.
import { useEffect, useRef } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useLiveEvent } from '@/components/realtime/use-live-event';
import { inboxKeys } from './types';

const TYPES = ['message:new', 'message:updated', 'draft:new', 'conversation:new', 'conversation:updated', 'suggestion:new'];

export function useInboxLive(openId: string | null, waitMs = 400) {
  const qc = useQueryClient();
  const pending = useRef(new Map<string, QueryKey>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  useLiveEvent(TYPES, (e) => {
    const add = (key: QueryKey) => pending.current.set(JSON.stringify(key), key);
    if (e.type !== 'suggestion:new') add(inboxKeys.lists());
    const id = e.conversation_id;
    if (id && id === openId) {
      add(inboxKeys.conversation(id));
      if (e.type.startsWith('message:') || e.type === 'draft:new') add(inboxKeys.messages(id));
    } else if (id) {
      // Not open: drop its cached thread so opening it later reads it fresh.
      qc.removeQueries({ queryKey: inboxKeys.messages(id), exact: true });
      qc.removeQueries({ queryKey: inboxKeys.conversation(id), exact: true });
    }
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      const keys = [...pending.current.values()];
      pending.current.clear();
      for (const queryKey of keys) void qc.invalidateQueries({ queryKey });
    }, waitMs);
  });
}
