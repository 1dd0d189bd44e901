// CSV cells that spreadsheets would run as formulas (=, +, -, @, tab, CR) get a leading
// apostrophe on export; import takes it off again, so a round trip keeps the text.
const FORMULA = /^[=+\-@\t\r]/;

export function safeCell(v: unknown): string | number {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return v;
  const s = String(v);
  return FORMULA.test(s) ? `'${s}` : s;
}

export function unsafeCell(s: string): string {
  return s.startsWith("'") && FORMULA.test(s.slice(1)) ? s.slice(1) : s;
}
