'use client';
// The inbox's state in the URL: ?c=<conversation id> and the list filters, so a link reopens it.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'next/navigation';
import { INBOX_FILTER_KEYS, type InboxFilters } from './types';

export function useInboxUrl() {
  const params = useSearchParams();
  const filters = useMemo(() => {
    const f: InboxFilters = {};
    for (const k of INBOX_FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  const selected = params.get('c');

  const set = useCallback((changes: Record<string, string | undefined | null>, push = false) => {
    const url = new URL(window.location.href);
    for (const [k, v] of Object.entries(changes)) {
      if (v) url.searchParams.set(k, v);
      else url.searchParams.delete(k);
    }
    if (push) window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }, []);

  const setFilters = useCallback(
    (next: InboxFilters) => set(Object.fromEntries(INBOX_FILTER_KEYS.map((k) => [k, next[k]]))),
    [set],
  );
  return { filters, selected, set, setFilters };
}
