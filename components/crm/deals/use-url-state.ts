'use client';
// Page state kept in the URL (view, pipeline, filters, sort, ?deal=<id>) so a link reopens the same screen.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'next/navigation';
import { FILTER_KEYS, type DealFilters } from './types';

export function useUrlState() {
  const params = useSearchParams();
  const get = useCallback((k: string) => params.get(k) ?? undefined, [params]);
  const filters = useMemo(() => {
    const f: DealFilters = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);

  /** Sets (or with undefined / '' removes) URL params; `push` adds a history entry (opening a deal). */
  const set = useCallback((changes: Record<string, string | undefined | null>, push = false) => {
    const url = new URL(window.location.href);
    for (const [k, v] of Object.entries(changes)) {
      if (v) url.searchParams.set(k, v);
      else url.searchParams.delete(k);
    }
    if (push) window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }, []);

  return { get, filters, set };
}
