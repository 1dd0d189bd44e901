// Sibling categories must have distinct names (case-insensitive): two "Prices" under one
// parent make the tree and the agent's category picker ambiguous. The unique index
// kb_categories_sibling_name_key is the wall; this check gives the 409 a code the UI keys on.
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { AppError } from '@/lib/api/errors';
import { COPY_SUFFIX } from '@/lib/kb/copy-name';

export const categoryNameTaken = (name: string) =>
  new AppError(409, 'category_name_taken', `A category named "${name}" already exists at this level`, {
    fields: [{ field: 'name', message: 'a category with this name already exists here', code: 'category_name_taken' }],
  });

async function siblingNames(tx: Tx, workspaceId: string, parentId: string | null, exceptId?: string): Promise<Set<string>> {
  const rows = await queryRows<{ name: string }>(
    tx,
    sql`select lower(name) as name from public.kb_categories
        where workspace_id = ${workspaceId}
          and ${parentId === null ? sql`parent_id is null` : sql`parent_id = ${parentId}::uuid`}
          ${exceptId ? sql`and id <> ${exceptId}::uuid` : sql``}`,
  );
  return new Set(rows.map((r) => r.name));
}

/** Throws 409 category_name_taken when another category under `parentId` has this name. */
export async function assertCategoryNameFree(tx: Tx, workspaceId: string, parentId: string | null, name: string, exceptId?: string) {
  if ((await siblingNames(tx, workspaceId, parentId, exceptId)).has(name.toLowerCase())) throw categoryNameTaken(name);
}

/** "<name> (копия)", then "<name> (копия 2)", … : the first one free under `parentId`. */
export async function freeCopyName(tx: Tx, workspaceId: string, parentId: string | null, name: string, max = 255): Promise<string> {
  const taken = await siblingNames(tx, workspaceId, parentId);
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? COPY_SUFFIX : `${COPY_SUFFIX.slice(0, -1)} ${n})`;
    const candidate = `${name.slice(0, max - suffix.length)}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
