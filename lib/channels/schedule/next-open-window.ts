// Working hours of an agent (seed 000 working_schedule) in the workspace's time zone: is it
// open at an instant, and when does the next window open. Pure (no clock, no database): the
// inbound path moves a reply's due time with it and the tests drive it with fixed instants.
// A window is [start, end) of an enabled day, local wall time; windows never cross midnight
// (the agent schema requires start < end).
import type { ScheduleDay } from '@/lib/db/schema/agents';

/** Weekday names as the agent schema stores them, Monday first (index 0). */
const DAYS = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота', 'Воскресенье'] as const;
const EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export interface WorkingHours {
  enabled: boolean;
  schedule: readonly ScheduleDay[] | null | undefined;
  timeZone: string;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  /** 0 = Monday. */
  weekday: number;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function localParts(at: Date, timeZone: string): LocalParts & { second: number } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: EN.indexOf(parts.weekday),
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The zone's offset from UTC at an instant, in ms (local = utc + offset). */
function offsetMs(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, Math.floor(p.minutes / 60), p.minutes % 60, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant of a local wall time (two passes settle a DST edge; DST-free zones need one). */
function instantOf(year: number, month: number, day: number, minutes: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, Math.floor(minutes / 60), minutes % 60);
  let guess = wall - offsetMs(new Date(wall), timeZone);
  guess = wall - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/**
 * `days` calendar days after `at` in the zone, at the same local wall time (a day across a DST
 * change is 23 or 25 hours); seconds are kept.
 */
export function addLocalDays(at: Date, days: number, timeZone: string): Date {
  const p = localParts(at, timeZone);
  const date = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  const base = instantOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), p.minutes, timeZone);
  return new Date(base.getTime() + p.second * 1000 + (at.getTime() % 1000));
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function windowOf(schedule: readonly ScheduleDay[], weekday: number): { start: number; end: number } | null {
  const day = schedule.find((d) => d.day === DAYS[weekday]);
  if (!day?.enabled) return null;
  const start = toMinutes(day.start);
  const end = toMinutes(day.end);
  return end > start ? { start, end } : null;
}

function active(hours: WorkingHours): readonly ScheduleDay[] | null {
  if (!hours.enabled || !hours.schedule?.some((d) => d.enabled)) return null;
  return hours.schedule;
}

/** True when the agent works at `at` (always, when working hours are off). */
export function isOpenAt(hours: WorkingHours, at: Date): boolean {
  const schedule = active(hours);
  if (!schedule) return true;
  const p = localParts(at, hours.timeZone);
  const w = windowOf(schedule, p.weekday);
  return !!w && p.minutes >= w.start && p.minutes < w.end;
}

/**
 * `at` itself when open; otherwise the instant the next window opens. Null only when the
 * schedule is switched on with no usable day (the agent then never answers by itself).
 */
export function nextOpenWindow(hours: WorkingHours, at: Date): Date | null {
  const schedule = active(hours);
  if (!schedule) return at;
  if (isOpenAt(hours, at)) return at;
  const p = localParts(at, hours.timeZone);
  // Walk local calendar days from today: today's window if it has not opened yet, else later days.
  for (let i = 0; i <= 7; i++) {
    const d = new Date(Date.UTC(p.year, p.month - 1, p.day + i));
    const w = windowOf(schedule, (p.weekday + i) % 7);
    if (!w) continue;
    if (i === 0 && p.minutes >= w.start) continue;
    return instantOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), w.start, hours.timeZone);
  }
  return null;
}

/** Whether two instants fall in the same closed period (both closed, the same window opens next). */
export function sameClosedPeriod(hours: WorkingHours, a: Date, b: Date): boolean {
  if (isOpenAt(hours, a) || isOpenAt(hours, b)) return false;
  const na = nextOpenWindow(hours, a);
  const nb = nextOpenWindow(hours, b);
  return na !== null && nb !== null && na.getTime() === nb.getTime();
}
