// When a chain's steps are due (issue 10): delays as durations or local calendar days, pushed
// into the chain's weekly schedule in the workspace's time zone — not the server's.
import { describe, expect, it } from 'vitest';
import { afterDelay, previewTimeline, stepDueAt } from '@/lib/chains/schedule/step-due-at';
import type { ScheduleDay } from '@/lib/db/schema/agents';

const WEEKDAYS = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница'];
const ALL_DAYS = [...WEEKDAYS, 'Суббота', 'Воскресенье'];
const weekdays8to20: ScheduleDay[] = ALL_DAYS.map((day) => ({ day, enabled: WEEKDAYS.includes(day), start: '08:00', end: '20:00' }) as ScheduleDay);

describe('chain step timing', () => {
  it('the issue\'s example: last message Friday 21:30 → step 1 Monday 08:00 → step 2 Monday 11:00 (Almaty)', () => {
    // Friday 2026-11-27 21:30 in Asia/Almaty (UTC+5) = 16:30 UTC.
    const start = new Date('2026-11-27T16:30:00Z');
    const timeline = previewTimeline(
      start,
      [
        { delay_value: 30, delay_unit: 'Минуты' },
        { delay_value: 3, delay_unit: 'Часы' },
      ],
      weekdays8to20,
      'Asia/Almaty',
    );
    expect(timeline).toEqual([
      { index: 0, due_at: '2026-11-30T03:00:00.000Z', moved_by_schedule: true }, // Monday 08:00 local
      { index: 1, due_at: '2026-11-30T06:00:00.000Z', moved_by_schedule: false }, // Monday 11:00 local
    ]);
  });

  it('inside the schedule a step is due exactly after its delay; no schedule means any time', () => {
    const tuesdayNoon = new Date('2026-12-01T07:00:00Z'); // 12:00 Almaty
    expect(stepDueAt(tuesdayNoon, { delay_value: 20, delay_unit: 'Минуты' }, weekdays8to20, 'Asia/Almaty')).toEqual({
      dueAt: new Date('2026-12-01T07:20:00Z'),
      moved: false,
    });
    const saturdayNight = new Date('2026-11-28T18:00:00Z'); // 23:00 Almaty, Saturday
    expect(stepDueAt(saturdayNight, { delay_value: 1, delay_unit: 'Часы' }, null, 'Asia/Almaty')).toEqual({
      dueAt: new Date('2026-11-28T19:00:00Z'),
      moved: false,
    });
  });

  it('days are calendar days at the same local time, also across a DST change (Europe/Berlin)', () => {
    // Saturday 2026-03-28 10:00 CET (UTC+1); clocks go forward on Sunday 29 March.
    const sat = new Date('2026-03-28T09:00:00Z');
    const sun = afterDelay(sat, 1, 'Дни', 'Europe/Berlin');
    expect(sun.toISOString()).toBe('2026-03-29T08:00:00.000Z'); // 10:00 CEST: 23 hours later
    expect(afterDelay(sat, 1, 'Часы', 'Europe/Berlin').toISOString()).toBe('2026-03-28T10:00:00.000Z');
  });

  it('the schedule is read in the workspace\'s zone, not the server\'s (New York weekend)', () => {
    // Friday 2026-11-27 19:30 in New York (UTC-5) = Saturday 00:30 UTC.
    const fridayEvening = new Date('2026-11-28T00:30:00Z');
    const due = stepDueAt(fridayEvening, { delay_value: 1, delay_unit: 'Часы' }, weekdays8to20, 'America/New_York');
    expect(due).toEqual({ dueAt: new Date('2026-11-30T13:00:00Z'), moved: true }); // Monday 08:00 New York
  });

  it('a schedule with no enabled day counts as none, like the agent\'s working hours (the editor should refuse it)', () => {
    const closed = weekdays8to20.map((d) => ({ ...d, enabled: false }));
    expect(previewTimeline(new Date('2026-11-27T10:00:00Z'), [{ delay_value: 1, delay_unit: 'Дни' }, { delay_value: 1, delay_unit: 'Часы' }], closed, 'Asia/Almaty')).toEqual([
      { index: 0, due_at: '2026-11-28T10:00:00.000Z', moved_by_schedule: false },
      { index: 1, due_at: '2026-11-28T11:00:00.000Z', moved_by_schedule: false },
    ]);
  });
});
