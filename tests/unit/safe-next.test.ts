// Post-login destinations (?next=) must never leave our origin, whatever the spelling.
import { describe, expect, it } from 'vitest';
import { safeNext } from '@/components/auth/safe-next';

const ORIGIN = 'https://app.example';

/** Where a browser ends up after `location.assign(next)` / a Location header on our page. */
function landsOn(next: string): string {
  return new URL(next, `${ORIGIN}/login`).origin;
}

// Each value is what the page receives in searchParams.next (already decoded once by Next.js).
const BYPASSES: [string, string][] = [
  ['tab between slashes (/%09/evil.com)', '/\t/evil.com'],
  ['newline between slashes', '/\n/evil.com'],
  ['carriage return between slashes', '/\r/evil.com'],
  ['protocol-relative', '//evil.com'],
  ['protocol-relative with path', '//evil.com/dashboard'],
  ['slash backslash', '/\\evil.com'],
  ['slash double backslash', '/\\\\evil.com'],
  ['backslash slash', '\\/evil.com'],
  ['double backslash', '\\\\evil.com'],
  ['encoded slashes once more (%2F%2Fevil)', '%2F%2Fevil.com'],
  ['slash then encoded slash (/%2Fevil)', '/%2Fevil.com'],
  ['slash then encoded slashes (/%2F%2Fevil)', '/%2F%2Fevil.com'],
  ['encoded backslash (/%5Cevil)', '/%5Cevil.com'],
  ['encoded backslash twice (%5C%5Cevil)', '%5C%5Cevil.com'],
  ['encoded tab (/%09/evil)', '/%09/evil.com'],
  ['dot segment collapsing to //', '/.//evil.com'],
  ['dot-dot segment collapsing to //', '/x/..//evil.com'],
  ['javascript: URL', 'javascript:alert(document.domain)'],
  ['javascript: with leading whitespace', ' javascript:alert(1)'],
  ['JaVaScRiPt: mixed case', 'JaVaScRiPt:alert(1)'],
  ['data: URL', 'data:text/html,<script>alert(1)</script>'],
  ['absolute http', 'http://evil.com'],
  ['absolute https', 'https://evil.com/dashboard'],
  ['scheme without slashes', 'https:evil.com'],
  ['space-prefixed protocol-relative', ' //evil.com'],
  ['tab-prefixed protocol-relative', '\t//evil.com'],
  ['newline-prefixed', '\n/\\evil.com'],
  ['nbsp-prefixed', '\u00a0//evil.com'],
  ['userinfo trick', '//app.example@evil.com'],
  ['triple slash', '///evil.com'],
  ['NUL inside', '/\u0000/evil.com'],
];

describe('safeNext', () => {
  it.each(BYPASSES)('refuses %s', (_name, value) => {
    const out = safeNext(value);
    expect(landsOn(out)).toBe(ORIGIN);
    expect(out).toBe('/dashboard');
  });

  it.each([
    ['/dashboard/agents', '/dashboard/agents'],
    ['/invite/abcdefghijklmnop', '/invite/abcdefghijklmnop'],
    ['/dashboard/kb?search=a%20b#top', '/dashboard/kb?search=a%20b#top'],
    ['/dashboard/team?tab=members', '/dashboard/team?tab=members'],
  ])('keeps the same-origin path %s', (value, expected) => {
    expect(safeNext(value)).toBe(expected);
    expect(landsOn(safeNext(value))).toBe(ORIGIN);
  });

  it('falls back on missing, array and empty values', () => {
    expect(safeNext(undefined)).toBe('/dashboard');
    expect(safeNext('')).toBe('/dashboard');
    expect(safeNext(['//evil.com', '/dashboard/agents'])).toBe('/dashboard');
    expect(safeNext(['/dashboard/agents'])).toBe('/dashboard/agents');
    expect(safeNext('//evil.com', '/elsewhere')).toBe('/elsewhere');
  });
});
