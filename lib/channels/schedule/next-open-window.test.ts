// Working hours in the workspace's zone: open or closed at an instant, and when the next
// window opens — across the evening, a weekend, and two DST-free zones (Almaty UTC+5, Moscow UTC+3).
import { describe, expect, it } from 'vitest';
import { isOpenAt, nextOpenWindow, sameClosedPeriod, type WorkingHours } from './next-open-window';

const week = (days: Record<string, [string, string]>) =>
  ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота', 'Воскресенье'].map((day) => ({
    day,
    enabled: !!days[day],
    start: days[day]?.[0] ?? '09:00',
    end: days[day]?.[1] ?? '18:00',
  }));
const weekdays = week({ Понедельник: ['09:00', '18:00'], Вторник: ['09:00', '18:00'], Среда: ['09:00', '18:00'], Четверг: ['09:00', '18:00'], Пятница: ['09:00', '17:00'] });
const almaty: WorkingHours = { enabled: true, schedule: weekdays, timeZone: 'Asia/Almaty' };
const moscow: WorkingHours = { enabled: true, schedule: weekdays, timeZone: 'Europe/Moscow' };
const at = (iso: string) => new Date(iso);

describe('isOpenAt / nextOpenWindow', () => {
  it('Almaty (UTC+5): open Wednesday 10:00 local, closed at 18:00 sharp, next window Thursday 09:00 local', () => {
    // 2026-12-02 is a Wednesday.
    expect(isOpenAt(almaty, at('2026-12-02T05:00:00Z'))).toBe(true); // 10:00 local
    expect(nextOpenWindow(almaty, at('2026-12-02T05:00:00Z'))).toEqual(at('2026-12-02T05:00:00Z'));
    expect(isOpenAt(almaty, at('2026-12-02T12:59:59Z'))).toBe(true); // 17:59:59
    expect(isOpenAt(almaty, at('2026-12-02T13:00:00Z'))).toBe(false); // 18:00
    expect(nextOpenWindow(almaty, at('2026-12-02T13:00:00Z'))).toEqual(at('2026-12-03T04:00:00Z')); // Thu 09:00 local
    // Before opening the same day: today's window.
    expect(nextOpenWindow(almaty, at('2026-12-02T01:30:00Z'))).toEqual(at('2026-12-02T04:00:00Z'));
  });

  it('Moscow (UTC+3): the same wall-clock hours are other instants', () => {
    // 05:00Z is 10:00 in Almaty (open) but 08:00 in Moscow (closed until 09:00 MSK = 06:00Z).
    expect(isOpenAt(almaty, at('2026-12-02T05:00:00Z'))).toBe(true);
    expect(isOpenAt(moscow, at('2026-12-02T05:00:00Z'))).toBe(false);
    expect(nextOpenWindow(moscow, at('2026-12-02T05:00:00Z'))).toEqual(at('2026-12-02T06:00:00Z'));
    // 13:30Z: closed in Almaty (18:30), open in Moscow (16:30).
    expect(isOpenAt(almaty, at('2026-12-02T13:30:00Z'))).toBe(false);
    expect(isOpenAt(moscow, at('2026-12-02T13:30:00Z'))).toBe(true);
  });

  it('a weekend: Friday after 17:00 (short day) waits for Monday 09:00', () => {
    // 2026-12-04 is a Friday; 17:30 Moscow = 14:30Z.
    expect(isOpenAt(moscow, at('2026-12-04T13:59:00Z'))).toBe(true); // 16:59 MSK
    expect(isOpenAt(moscow, at('2026-12-04T14:30:00Z'))).toBe(false);
    expect(nextOpenWindow(moscow, at('2026-12-04T14:30:00Z'))).toEqual(at('2026-12-07T06:00:00Z')); // Mon 09:00 MSK
    expect(nextOpenWindow(moscow, at('2026-12-05T10:00:00Z'))).toEqual(at('2026-12-07T06:00:00Z')); // Saturday
    expect(nextOpenWindow(almaty, at('2026-12-06T20:00:00Z'))).toEqual(at('2026-12-07T04:00:00Z')); // Mon 01:00 local → 09:00
  });

  it('switched off or without schedule: always open; switched on without a day: never opens', () => {
    const off: WorkingHours = { enabled: false, schedule: weekdays, timeZone: 'Asia/Almaty' };
    expect(isOpenAt(off, at('2026-12-06T20:00:00Z'))).toBe(true);
    expect(nextOpenWindow({ enabled: true, schedule: null, timeZone: 'Asia/Almaty' }, at('2026-12-06T20:00:00Z'))).toEqual(at('2026-12-06T20:00:00Z'));
    expect(nextOpenWindow({ enabled: true, schedule: week({}), timeZone: 'Asia/Almaty' }, at('2026-12-06T20:00:00Z'))).toEqual(at('2026-12-06T20:00:00Z'));
  });

  it('one closed period: Friday evening and Sunday share it; Friday and the next Friday do not', () => {
    expect(sameClosedPeriod(moscow, at('2026-12-04T15:00:00Z'), at('2026-12-06T12:00:00Z'))).toBe(true);
    expect(sameClosedPeriod(moscow, at('2026-12-04T15:00:00Z'), at('2026-12-11T15:00:00Z'))).toBe(false);
    expect(sameClosedPeriod(moscow, at('2026-12-04T15:00:00Z'), at('2026-12-07T07:00:00Z'))).toBe(false); // open then
  });
});
