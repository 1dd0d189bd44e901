import { afterEach, describe, expect, it } from 'vitest';
import { createFormatter } from 'next-intl';
import { gmtLabel, isSupportedTimeZone, timeFormatter } from './format-time';

// 2026-11-27 09:05 UTC = 14:05 in Almaty (UTC+5), 04:05 in New York (UTC-5), 14:35 in Kolkata.
const AT = new Date('2026-11-27T09:05:00Z');

describe('timeFormatter', () => {
  it.each([
    ['ru', '27 нояб. 2026 г.', '27 ноября 2026 г.', '27 нояб. 2026 г., 14:05'],
    ['en', 'Nov 27, 2026', 'November 27, 2026', 'Nov 27, 2026, 2:05 PM'],
    ['kk', '2026 ж. 27 қар.', '2026 ж. 27 қараша', '2026 ж. 27 қар., 14:05'],
  ] as const)('formats dates in %s from our catalogue', (locale, date, long, dateTime) => {
    const f = timeFormatter(locale, 'Asia/Almaty');
    expect(f.date(AT)).toBe(date);
    expect(f.dateLong(AT)).toBe(long);
    expect(f.dateTime(AT)).toBe(dateTime);
  });

  it('shows times in the workspace time zone, not the server one', () => {
    expect(timeFormatter('ru', 'America/New_York').dateTime(AT)).toBe('27 нояб. 2026 г., 04:05');
    expect(timeFormatter('en', 'Asia/Kolkata').time(AT)).toBe('2:35 PM');
    // Across midnight the date changes with the zone.
    expect(timeFormatter('ru', 'Pacific/Auckland').date(new Date('2026-11-27T13:00:00Z'))).toBe('28 нояб. 2026 г.');
    expect(timeFormatter('kk', 'Asia/Almaty').zoneLabel(AT)).toBe('Asia/Almaty (GMT+5)');
    expect(gmtLabel(AT, 'Asia/Kolkata')).toBe('GMT+5:30');
    expect(gmtLabel(AT, 'UTC')).toBe('GMT');
  });

  it.each([
    ['ru', -5 * 60_000, '5 минут назад'],
    ['ru', -1 * 60_000, '1 минуту назад'],
    ['ru', -22 * 60_000, '22 минуты назад'],
    ['ru', -12 * 60_000, '12 минут назад'],
    ['ru', -3 * 3_600_000, '3 часа назад'],
    ['ru', -21 * 86_400_000, '21 день назад'],
    ['ru', 2 * 86_400_000, 'через 2 дня'],
    ['en', -5 * 60_000, '5 minutes ago'],
    ['en', -3_600_000, '1 hour ago'],
    ['en', 400 * 86_400_000, 'in 1 year'],
    ['kk', -5 * 60_000, '5 минут бұрын'],
    ['kk', -2 * 86_400_000, '2 күн бұрын'],
    ['kk', 3 * 3_600_000, '3 сағаттан кейін'],
    ['kk', -10_000, 'жаңа ғана'],
  ] as const)('relative time in %s (%d ms) is "%s"', (locale, delta, text) => {
    const now = AT.getTime();
    expect(timeFormatter(locale, 'Asia/Almaty').relative(new Date(now + delta), now)).toBe(text);
  });

  it('an unknown zone falls back to the default rather than throwing', () => {
    expect(timeFormatter('ru', 'Mars/Olympus').timeZone).toBe('Asia/Almaty');
    expect(isSupportedTimeZone('Europe/Berlin')).toBe(true);
    expect(isSupportedTimeZone('Mars/Olympus')).toBe(false);
    expect(isSupportedTimeZone('')).toBe(false);
  });
});

describe('in a runtime whose Intl has no Kazakh data (some browsers)', () => {
  const RealDTF = Intl.DateTimeFormat;
  const RealRTF = Intl.RelativeTimeFormat;
  afterEach(() => {
    Object.assign(Intl, { DateTimeFormat: RealDTF, RelativeTimeFormat: RealRTF });
  });

  function dropKazakh() {
    const strip = (l: unknown) => (typeof l === 'string' && l.startsWith('kk') ? 'und' : l);
    function DTF(l?: unknown, o?: Intl.DateTimeFormatOptions) {
      return new RealDTF(strip(l) as string, o);
    }
    function RTF(l?: unknown, o?: Intl.RelativeTimeFormatOptions) {
      return new RealRTF(strip(l) as string, o);
    }
    Object.assign(DTF, { supportedLocalesOf: RealDTF.supportedLocalesOf });
    Object.assign(Intl, { DateTimeFormat: DTF, RelativeTimeFormat: RTF });
  }

  it('Intl-based formatting differs between server and browser (a hydration error) — ours does not', () => {
    const fiveMinAgo = new Date(AT.getTime() - 5 * 60_000);
    // What the dashboard did before: next-intl's formatter over the runtime's locale data.
    const render = () => {
      const old = createFormatter({ locale: 'kk', timeZone: 'Asia/Almaty' });
      const ours = timeFormatter('kk', 'Asia/Almaty');
      return {
        old: [old.dateTime(AT, { dateStyle: 'medium' }), old.relativeTime(fiveMinAgo, AT)],
        ours: [ours.date(AT), ours.relative(fiveMinAgo, AT)],
      };
    };
    const server = render();
    dropKazakh();
    const browser = render();
    expect(browser.old).not.toEqual(server.old);
    expect(browser.ours).toEqual(server.ours);
    expect(browser.ours).toEqual(['2026 ж. 27 қар.', '5 минут бұрын']);
  });
});
