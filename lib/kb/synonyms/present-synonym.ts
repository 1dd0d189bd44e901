// The Synonym shape of docs/runtime-api.md.
import type { kbSynonyms } from '@/lib/db/schema/runtime';

type Row = typeof kbSynonyms.$inferSelect;

export interface SynonymView {
  id: string;
  term: string;
  synonyms: string[];
  created_at: string;
  updated_at: string;
}

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

export function presentSynonym(row: Row): SynonymView {
  return { id: row.id, term: row.term, synonyms: row.synonyms, created_at: iso(row.createdAt), updated_at: iso(row.updatedAt) };
}
