// Path parameters: a malformed id is simply not found (no hint about other tenants).
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
