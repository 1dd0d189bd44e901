// Splits tasks into the page's groups: overdue, due today (workspace time zone), later, no date, done.
import { wallClock } from '@/lib/i18n/format-time';
import type { Task, TaskGroup } from './types';

const dayOf = (d: Date, tz: string) => {
  const w = wallClock(d, tz);
  return `${w.y}-${w.m}-${w.d}`;
};

export function groupTasks(tasks: Task[], now: Date, timeZone: string): Record<TaskGroup, Task[]> {
  const out: Record<TaskGroup, Task[]> = { overdue: [], today: [], later: [], noDate: [], done: [] };
  const today = dayOf(now, timeZone);
  for (const task of tasks) {
    if (task.done) out.done.push(task);
    else if (!task.due_at) out.noDate.push(task);
    else if (new Date(task.due_at).getTime() < now.getTime()) out.overdue.push(task);
    else if (dayOf(new Date(task.due_at), timeZone) === today) out.today.push(task);
    else out.later.push(task);
  }
  const byDue = (a: Task, b: Task) => (a.due_at ?? '').localeCompare(b.due_at ?? '');
  out.overdue.sort(byDue);
  out.today.sort(byDue);
  out.later.sort(byDue);
  return out;
}

/** A `datetime-local` value ("2026-11-27T18:30") read as the workspace's wall clock → ISO. */
export function wallTimeToIso(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  // The zone's offset at that moment (a second pass settles DST edges).
  let utc = asUtc;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(new Date(utc), timeZone);
    const off = Date.UTC(w.y, w.m - 1, w.d, w.h, w.min) - Math.floor(utc / 60_000) * 60_000;
    utc = asUtc - off;
  }
  return new Date(utc).toISOString();
}
