// Phones to E.164 with libphonenumber-js, so `8 (701) 123-45-67` and `+77011234567` are one
// client. The default region comes from the workspace's time zone (Kazakhstan or Russia).
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

const KZ_ZONES = new Set([
  'Asia/Almaty', 'Asia/Qostanay', 'Asia/Aqtobe', 'Asia/Aqtau', 'Asia/Atyrau', 'Asia/Oral', 'Asia/Qyzylorda',
]);

/** KZ for Kazakhstan's zones, RU otherwise (the product's two home markets share +7). */
export function phoneRegionOf(timeZone: string | null | undefined): CountryCode {
  return timeZone && KZ_ZONES.has(timeZone) ? 'KZ' : 'RU';
}

/**
 * The E.164 form of a phone typed in any format, or null when it is not a possible number.
 * A leading 8 of a domestic number (8 701 …) is read in the default region.
 */
export function normalizePhone(raw: string, region: CountryCode = 'KZ'): string | null {
  const text = raw.trim();
  if (!text || !/\d/.test(text) || /[a-zа-яё]/i.test(text.replace(/ext\.?|доб\.?/gi, ''))) return null;
  const parsed = parsePhoneNumberFromString(text, { defaultCountry: region, extract: false });
  if (!parsed || !parsed.isPossible()) return null;
  // +7 numbers are checked against the whole +7 plan (a Kazakh number typed in a Russian workspace).
  if (!parsed.isValid() && parsed.countryCallingCode !== '7') return null;
  return parsed.number;
}

/** The digits of a search query that looks like (part of) a phone, for matching stored E.164 numbers. */
export function phoneDigits(raw: string): string | null {
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 4 || /[a-zа-яё@]/i.test(raw)) return null;
  // A domestic 8… prefix is +7… when stored.
  return digits.length === 11 && digits.startsWith('8') ? `7${digits.slice(1)}` : digits;
}
