// Copies child rows to new parents inside one statement per table, for deep copies.
// Column lists come from the Drizzle mirror, so a column added later is copied too.
import crypto from 'node:crypto';
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { queryRows } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';

export interface CopyOptions {
  /** Columns that start afresh on the copy (take their SQL default), e.g. counters. */
  reset?: string[];
}

const pairs = (map: Map<string, string>) =>
  sql.join([...map].map(([from, to]) => sql`(${from}::uuid, ${to}::uuid)`), sql`, `);

/**
 * Copies the rows of `table` whose `parentColumn` is a key of `parents`, pointing
 * the copies at the mapped parents. Returns old id → new id of the copied rows
 * (for copying their own children next).
 */
export async function copyRows(
  tx: Tx,
  table: PgTable,
  parentColumn: string,
  parents: Map<string, string>,
  workspaceId: string,
  opts: CopyOptions = {},
): Promise<Map<string, string>> {
  if (!parents.size) return new Map();
  const parent = sql.identifier(parentColumn);
  const old = await queryRows<{ id: string }>(
    tx,
    sql`select t.id::text as id from ${table} t join (values ${pairs(parents)}) as p(old_id, new_id) on t.${parent} = p.old_id
        where t.workspace_id = ${workspaceId}`,
  );
  const ids = new Map(old.map((r) => [r.id, crypto.randomUUID()]));
  if (!ids.size) return ids;
  const skip = new Set(['id', parentColumn, 'updated_at', ...(opts.reset ?? [])]);
  // created_at is kept so ties in order_index keep their order in the copy.
  const names = Object.values(getTableColumns(table)).map((c) => c.name).filter((n) => !skip.has(n));
  const cols: SQL = sql.join(names.map((n) => sql.identifier(n)), sql`, `);
  const fromCols: SQL = sql.join(names.map((n) => sql`t.${sql.identifier(n)}`), sql`, `);
  await tx.execute(sql`
    insert into ${table} (id, ${parent}, ${cols})
    select r.new_id, p.new_id, ${fromCols}
    from ${table} t
    join (values ${pairs(ids)}) as r(old_id, new_id) on t.id = r.old_id
    join (values ${pairs(parents)}) as p(old_id, new_id) on t.${parent} = p.old_id`);
  return ids;
}
