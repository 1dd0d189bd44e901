// Opaque keyset cursors: the exact sort key of the last row (as PostgreSQL text, so no
// microseconds are lost) and its id. Rows sharing a sort key are told apart by id.
import { sql, type SQL } from 'drizzle-orm';
import { invalidField } from './schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Keyset {
  /** The sort key as text (timestamps as ISO with microseconds, numbers as decimals). */
  k: string;
  id: string;
}

export function encodeCursor(key: Keyset): string {
  return Buffer.from(JSON.stringify([key.k, key.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, field = 'cursor'): Keyset {
  try {
    const [k, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof k === 'string' && k.length <= 64 && /^[0-9T:.+\-Z ]+$/.test(k) && typeof id === 'string' && UUID.test(id)) return { k, id };
  } catch {
    /* below */
  }
  throw invalidField(field, `${field} is not a cursor this API returned`, 'invalid_cursor');
}

/** A timestamp column as text that casts back to exactly the same timestamptz. */
export const tsKey = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
