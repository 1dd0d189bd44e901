// A workspace's synonyms as search uses them, cached per workspace. A change through
// create/update/delete-synonym drops the workspace's entry once its transaction commits; other
// processes (workers, another server) see a change within CACHE_TTL_MS.
import { asc, eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { afterCommit } from '@/lib/db/actor';
import { kbSynonyms } from '@/lib/db/schema/runtime';
import { tokenizeQuery } from '@/lib/kb/search/query-terms';
import type { SynonymEntry } from '@/lib/kb/search/synonyms';

export const CACHE_TTL_MS = 30_000;
const MAX_WORKSPACES = 1000;

const g = globalThis as Record<string, unknown>;
const cache: Map<string, { at: number; entries: SynonymEntry[] }> = (g.__salesagentSynonymCache as Map<string, never>) ??
  (g.__salesagentSynonymCache = new Map());

export function toEntries(rows: { term: string; synonyms: string[] }[]): SynonymEntry[] {
  return rows
    .map((r) => ({ term: tokenizeQuery(r.term), synonyms: r.synonyms.map(tokenizeQuery).filter((s) => s.length) }))
    .filter((e) => e.term.length && e.synonyms.length);
}

/** The workspace's synonyms, read in the caller's transaction on a cache miss. */
export async function loadWorkspaceSynonyms(tx: Tx, workspaceId: string): Promise<SynonymEntry[]> {
  const hit = cache.get(workspaceId);
  if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.entries;
  const rows = await tx
    .select({ term: kbSynonyms.term, synonyms: kbSynonyms.synonyms })
    .from(kbSynonyms)
    .where(eq(kbSynonyms.workspaceId, workspaceId))
    .orderBy(asc(kbSynonyms.createdAt));
  const entries = toEntries(rows);
  if (cache.size >= MAX_WORKSPACES) cache.delete(cache.keys().next().value!);
  cache.set(workspaceId, { at: Date.now(), entries });
  return entries;
}

/** Called inside the transaction that changed the synonyms: drops the entry now and after commit. */
export async function invalidateSynonyms(workspaceId: string): Promise<void> {
  cache.delete(workspaceId);
  await afterCommit(() => cache.delete(workspaceId));
}
