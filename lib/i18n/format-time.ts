// Dates and times in a workspace's time zone, worded from our own catalogues
// (lib/i18n/messages/<locale>/time.json) rather than the runtime's locale data:
// browsers without Kazakh data would otherwise print "2026 M11 27" or "-5 min"
// and disagree with the server (a hydration error). Intl is used only for the
// zone arithmetic, with the 'en-US' locale every runtime has.
import ru from './messages/ru/time.json';
import en from './messages/en/time.json';
import kk from './messages/kk/time.json';
import type { Locale } from './config';

export const DEFAULT_TIME_ZONE = 'Asia/Almaty';

type Plural = 'one' | 'few' | 'many' | 'other';
type Unit = 'minute' | 'hour' | 'day' | 'month' | 'year';
interface TimeCatalogue {
  months: string[];
  monthsShort: string[];
  dateMedium: string;
  dateLong: string;
  dateTime: string;
  hour12: boolean;
  am: string;
  pm: string;
  now: string;
  units: Record<Unit, Record<'past' | 'future', Partial<Record<Plural, string>>>>;
}

const CATALOGUES: Record<Locale, TimeCatalogue> = { ru, en, kk } as Record<Locale, TimeCatalogue>;

// Plural categories, written out: Intl.PluralRules lacks Kazakh in some runtimes too.
function pluralOf(locale: Locale, n: number): Plural {
  if (locale === 'ru') {
    const d = n % 10;
    const dd = n % 100;
    if (d === 1 && dd !== 11) return 'one';
    if (d >= 2 && d <= 4 && (dd < 12 || dd > 14)) return 'few';
    return 'many';
  }
  if (locale === 'en') return n === 1 ? 'one' : 'other';
  return 'other';
}

const fill = (pattern: string, values: Record<string, string | number>) =>
  pattern.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));

const zoneCache = new Map<string, Intl.DateTimeFormat>();
function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let f = zoneCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    zoneCache.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  y: number;
  m: number;
  d: number;
  h: number;
  min: number;
}

/** The wall clock of `timeZone` at `date`. */
export function wallClock(date: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of zoneFormat(timeZone).formatToParts(date)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { y: parts.year, m: parts.month, d: parts.day, h: parts.hour % 24, min: parts.minute };
}

/** Minutes the zone is ahead of UTC at `date`. */
export function zoneOffsetMinutes(date: Date, timeZone: string): number {
  const w = wallClock(date, timeZone);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.min);
  return Math.round((asUtc - Math.floor(date.getTime() / 60_000) * 60_000) / 60_000);
}

/** "GMT+5", "GMT-3:30", "GMT": the same in every language and runtime. */
export function gmtLabel(date: Date, timeZone: string): string {
  const off = zoneOffsetMinutes(date, timeZone);
  if (off === 0) return 'GMT';
  const abs = Math.abs(off);
  const mm = abs % 60;
  return `GMT${off < 0 ? '-' : '+'}${Math.floor(abs / 60)}${mm ? `:${String(mm).padStart(2, '0')}` : ''}`;
}

/** The canonical IANA name of a zone this runtime knows, or null. */
export function canonicalTimeZone(value: unknown): string | null {
  if (typeof value !== 'string' || !value || value.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Zones offered in settings: the runtime's list (always including UTC and the default). */
export function supportedTimeZones(): string[] {
  const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([...list, 'UTC', DEFAULT_TIME_ZONE])].sort();
}

/** Whether a zone name is one we accept for a workspace (an IANA name this runtime supports). */
export function isSupportedTimeZone(value: unknown): value is string {
  return typeof value === 'string' && canonicalTimeZone(value) !== null && supportedTimeZones().includes(value);
}

export interface TimeFormatter {
  locale: Locale;
  timeZone: string;
  /** "27 нояб. 2026 г." / "Nov 27, 2026" / "2026 ж. 27 қар." */
  date(d: Date | string | number): string;
  /** "27 ноября 2026 г." / "November 27, 2026" / "2026 ж. 27 қараша" */
  dateLong(d: Date | string | number): string;
  /** "14:05" / "2:05 PM" */
  time(d: Date | string | number): string;
  /** date + time */
  dateTime(d: Date | string | number): string;
  /** "5 минут назад" / "5 minutes ago" / "5 минут бұрын" */
  relative(d: Date | string | number, now: Date | number): string;
  /** The zone as shown next to times without context: "Asia/Almaty (GMT+5)". */
  zoneLabel(at?: Date): string;
}

export function timeFormatter(locale: Locale, timeZone: string = DEFAULT_TIME_ZONE): TimeFormatter {
  const c = CATALOGUES[locale] ?? CATALOGUES.ru;
  const tz = canonicalTimeZone(timeZone) ?? DEFAULT_TIME_ZONE;
  const toDate = (d: Date | string | number) => (d instanceof Date ? d : new Date(d));
  const time = (w: WallClock) => {
    if (!c.hour12) return `${String(w.h).padStart(2, '0')}:${String(w.min).padStart(2, '0')}`;
    const h12 = w.h % 12 === 0 ? 12 : w.h % 12;
    return `${h12}:${String(w.min).padStart(2, '0')} ${w.h < 12 ? c.am : c.pm}`;
  };
  const date = (w: WallClock, long: boolean) =>
    fill(long ? c.dateLong : c.dateMedium, { d: w.d, y: w.y, month: (long ? c.months : c.monthsShort)[w.m - 1] });

  return {
    locale,
    timeZone: tz,
    date: (d) => date(wallClock(toDate(d), tz), false),
    dateLong: (d) => date(wallClock(toDate(d), tz), true),
    time: (d) => time(wallClock(toDate(d), tz)),
    dateTime: (d) => {
      const w = wallClock(toDate(d), tz);
      return fill(c.dateTime, { date: date(w, false), time: time(w) });
    },
    relative: (d, now) => {
      const diff = toDate(d).getTime() - (now instanceof Date ? now.getTime() : now);
      const abs = Math.abs(diff);
      const minutes = Math.round(abs / 60_000);
      if (minutes < 1) return c.now;
      const [unit, n]: [Unit, number] =
        minutes < 60
          ? ['minute', minutes]
          : minutes < 60 * 24
            ? ['hour', Math.round(minutes / 60)]
            : minutes < 60 * 24 * 30
              ? ['day', Math.round(minutes / (60 * 24))]
              : minutes < 60 * 24 * 365
                ? ['month', Math.max(1, Math.round(minutes / (60 * 24 * 30.44)))]
                : ['year', Math.max(1, Math.round(minutes / (60 * 24 * 365.25)))];
      const forms = c.units[unit][diff < 0 ? 'past' : 'future'];
      const pattern = forms[pluralOf(locale, n)] ?? forms.other ?? forms.many ?? '';
      return fill(pattern, { n });
    },
    zoneLabel: (at = new Date()) => `${tz} (${gmtLabel(at, tz)})`,
  };
}
