// Path parameters: a malformed id is simply not found (no hint about other tenants).
import { z } from 'zod';
import { notFound } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuidParam(value: string | undefined, entity: string): string {
  if (!value || !UUID.test(value)) throw notFound(entity);
  return value;
}

export function intParam(value: string | undefined, entity: string): number {
  const n = Number(value);
  if (!value || !/^\d{1,10}$/.test(value) || !Number.isSafeInteger(n) || n > 2147483647) throw notFound(entity);
  return n;
}

// Dates PostgreSQL accepts from the driver: years 1..9999 (a JS Date of year 99999
// serialises as "+099999-…", which the database refuses with a 500).
const MIN_DATE = Date.parse('0001-01-01T00:00:00Z');
const MAX_DATE = Date.parse('9999-12-31T23:59:59.999Z');

/** A date query parameter: anything Date can read, between the years 1 and 9999. */
export function dateQuery(field: string) {
  return z.coerce
    .date({ error: `${field} must be a date` })
    .refine((d) => d.getTime() >= MIN_DATE && d.getTime() <= MAX_DATE, { message: `${field} must be between the years 1 and 9999` });
}
