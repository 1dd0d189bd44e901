// Text that PostgreSQL cannot store: a NUL character ("\u0000") in any string makes
// every text column refuse the row with a 500. Refused once here, for every JSON
// body, query string and server action, naming the field.
import { AppError, type FieldIssue } from './errors';

const NUL = '\u0000';
const MAX_DEPTH = 64;

/** The paths ("profile.full_name", "tags.2") of every string (or key) holding a NUL. */
export function fieldsWithNul(value: unknown, path: string[] = [], out: string[] = [], depth = 0): string[] {
  if (depth > MAX_DEPTH) return out;
  if (typeof value === 'string') {
    if (value.includes(NUL)) out.push(path.join('.') || '(body)');
  } else if (value instanceof FormData) {
    for (const [k, v] of value.entries()) {
      if (k.includes(NUL)) out.push([...path, k.replaceAll(NUL, '\\0')].join('.'));
      else fieldsWithNul(v, [...path, k], out, depth + 1);
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => fieldsWithNul(v, [...path, String(i)], out, depth + 1));
  } else if (value && typeof value === 'object' && !(value instanceof Blob)) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes(NUL)) out.push([...path, k.replaceAll(NUL, '\\0')].join('.'));
      else fieldsWithNul(v, [...path, k], out, depth + 1);
    }
  }
  return out;
}

/** Throws 400 validation_error naming each field that carries a NUL character. */
export function assertNoNul(value: unknown): void {
  const fields = fieldsWithNul(value);
  if (!fields.length) return;
  const issues: FieldIssue[] = fields.map((field) => ({ field, message: 'must not contain a NUL character', code: 'nul_character' }));
  throw new AppError(400, 'validation_error', `Invalid value for: ${fields.join(', ')}`, { fields: issues });
}

/** For text pasted from documents (extracted file text): NULs are dropped, not refused. */
export function stripNul(text: string): string {
  return text.replaceAll(NUL, '');
}
