'use client';
// Dates and times of the page's workspace: its time zone, worded from our catalogues (same on server and browser).
import { useMemo } from 'react';
import { useLocale } from 'next-intl';
import { DEFAULT_TIME_ZONE, timeFormatter, type TimeFormatter } from '@/lib/i18n/format-time';
import { isLocale } from '@/lib/i18n/config';
import { useOptionalPageWorkspace } from './workspace-context';

export function useTimeFormat(): TimeFormatter {
  const raw = useLocale();
  const tz = useOptionalPageWorkspace()?.timeZone ?? DEFAULT_TIME_ZONE;
  const locale = isLocale(raw) ? raw : 'ru';
  return useMemo(() => timeFormatter(locale, tz), [locale, tz]);
}
