// What this database can do for search: pgvector (semantic branch) and pg_trgm (typo
// correction). Both are optional; each is checked once per opened database.
import { getDatabase, type Database } from '@/lib/db/client';

export interface SearchCapabilities {
  vector: boolean;
  trigram: boolean;
}

const cache = new WeakMap<Database, Promise<boolean>>();

async function hasTrigram(db: Database): Promise<boolean> {
  let p = cache.get(db);
  if (!p) {
    p = db
      .query<{ ok: boolean }>(
        `select exists (select 1 from pg_extension where extname = 'pg_trgm')
           and exists (select 1 from pg_class where relname = 'kb_search_terms_trgm_idx') as ok`,
      )
      .then((rows) => Boolean(rows[0]?.ok))
      .catch(() => false);
    cache.set(db, p);
  }
  return p;
}

/** Call outside any transaction (it may query the database). */
export async function searchCapabilities(): Promise<SearchCapabilities> {
  const db = await getDatabase();
  return { vector: db.vectorAvailable, trigram: await hasTrigram(db) };
}
