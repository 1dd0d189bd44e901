// Second step of query understanding, in the database: the russian, english and simple
// lexemes of every word variant (the dictionaries the index used), and, for words the
// workspace has never used, the nearest words of its vocabulary (pg_trgm, then edit
// distance) as typo fixes.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { queryRows } from '@/lib/db/actor';
import { buildQueryTerms, type QueryTerm, type TermVariant } from './query-terms';
import { expandWord } from './lexicon';
import { isStopWord } from './stop-words';
import { itemKey, orQuery, type QueryItem } from './tsquery';
import { isCyrillic, isLatin } from './translit';
import { loadWorkspaceSynonyms } from '@/lib/kb/synonyms/synonym-cache';

export interface SearchGroup {
  /** The query word this group stands for (for logs and tests). */
  label: string;
  strong: QueryItem[];
  weak: QueryItem[];
  /** Typo fixes applied to this word. */
  corrections: string[];
}

export interface AnalyzedQuery {
  groups: SearchGroup[];
  /** OR of every group (ranking with ts_rank_cd, snippets); candidates are pulled by a subset. */
  any: string | null;
}

interface Lexemes {
  ru: string[];
  en: string[];
  si: string[];
}

interface NearTerm {
  term: string;
  sim: number;
  ru: string[];
}

interface AnalysisRow {
  word: string;
  ru: string[] | string | null;
  en: string[] | string | null;
  si: string[] | string | null;
}

/** Trigram candidates are cheap to fetch; edit distance decides which are typos of the word. */
const TRIGRAM_THRESHOLD = 0.25;
const MAX_CORRECTIONS = 2;

function pgArray(v: string[] | string | null): string[] {
  if (!v) return [];
  if (Array.isArray(v)) return v;
  // node-postgres parses text[]; a raw '{a,b}' is handled just in case.
  return v
    .replace(/^\{|\}$/g, '')
    .split(',')
    .map((s) => s.replace(/^"|"$/g, ''))
    .filter(Boolean);
}

export function allowedDistance(word: string): number {
  const n = [...word].length;
  if (n <= 5) return 1;
  if (n <= 9) return 2;
  return 3;
}

/** Optimal string alignment distance (adjacent transpositions count as one edit). */
export function editDistance(a: string, b: string, max = Infinity): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...new Array<number>(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) d[0][j] = j;
  for (let i = 1; i <= s.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      rowMin = Math.min(rowMin, d[i][j]);
    }
    if (rowMin > max) return max + 1;
  }
  return d[s.length][t.length];
}

/** Picks typo fixes among trigram neighbours: within the allowed edit distance, closest first. */
export function pickCorrections(word: string, near: NearTerm[]): NearTerm[] {
  const max = allowedDistance(word);
  return near
    .map((n) => ({ n, d: editDistance(word, n.term, max) }))
    .filter((x) => x.d <= max && x.n.term !== word)
    .sort((a, b) => a.d - b.d || b.n.sim - a.n.sim)
    .slice(0, MAX_CORRECTIONS)
    .map((x) => x.n);
}

async function analyzeWords(
  tx: Tx,
  workspaceId: string,
  words: { word: string; fix: boolean }[],
  trigram: boolean,
): Promise<Map<string, { lex: Lexemes; near: NearTerm[] }>> {
  const out = new Map<string, { lex: Lexemes; near: NearTerm[] }>();
  if (!words.length) return out;
  const rows = await queryRows<AnalysisRow>(
    tx,
    sql`select w.word,
          tsvector_to_array(to_tsvector('russian', w.word)) as ru,
          tsvector_to_array(to_tsvector('english', w.word)) as en,
          tsvector_to_array(to_tsvector('simple', w.word)) as si
        from jsonb_array_elements_text(${JSON.stringify(words.map((w) => w.word))}::jsonb) as w(word)`,
  );
  for (const r of rows) out.set(r.word, { lex: { ru: pgArray(r.ru), en: pgArray(r.en), si: pgArray(r.si) }, near: [] });
  const fix = words.filter((w) => w.fix).map((w) => w.word);
  if (trigram && fix.length) {
    // Returns neighbours only for words the workspace's vocabulary does not have.
    const near = await queryRows<{ word: string; term: string; sim: number; ru: string[] | string | null }>(
      tx,
      sql`select word, term, sim, ru from app.kb_similar_terms(${workspaceId}::uuid,
            array(select jsonb_array_elements_text(${JSON.stringify(fix)}::jsonb)), ${TRIGRAM_THRESHOLD}::real)`,
    );
    for (const n of near) out.get(n.word)?.near.push({ term: n.term, sim: Number(n.sim), ru: pgArray(n.ru) });
  }
  return out;
}

function wordItems(word: string, lex: Lexemes): QueryItem[] {
  const items: QueryItem[] = [];
  for (const l of new Set([...lex.ru, ...lex.en, ...lex.si])) items.push({ type: 'lexeme', lexeme: l, prefix: false });
  const n = [...word].length;
  if (n >= 5) {
    // A prefix of the stem catches other inflections («экрана» → экра:* → экран, экраны, экранды).
    let root: string | undefined;
    if (isCyrillic(word)) root = lex.ru.length === 1 && [...lex.ru[0]].length >= 4 ? lex.ru[0] : [...word].slice(0, Math.max(4, n - 2)).join('');
    else if (isLatin(word)) root = lex.en.length === 1 && lex.en[0].length >= 4 ? lex.en[0] : undefined;
    if (root) items.push({ type: 'lexeme', lexeme: root, prefix: true });
  }
  return items;
}

function variantItems(v: TermVariant, lex: Lexemes | undefined): QueryItem[] {
  switch (v.kind) {
    case 'word':
      return wordItems(v.text, lex ?? { ru: [], en: [], si: [v.text] });
    case 'exact':
      return [{ type: 'lexeme', lexeme: v.text, prefix: false }];
    case 'prefix':
      return [...v.text].length >= 3 ? [{ type: 'lexeme', lexeme: v.text, prefix: true }] : [];
    case 'phrase': {
      const words = v.text.split(/\s+/).filter(Boolean);
      return words.length > 1 ? [{ type: 'phrase', lexemes: words }] : words.map((w) => ({ type: 'lexeme' as const, lexeme: w, prefix: false }));
    }
  }
}

function uniqueItems(items: QueryItem[], exclude: Set<string> = new Set()): QueryItem[] {
  const seen = new Set(exclude);
  return items.filter((i) => {
    const k = itemKey(i);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export interface AnalyzeOptions {
  trigram: boolean;
  /** Lexicon expansion (on by default; off to measure what it adds). */
  lexicon?: boolean;
  /** The workspace's own synonyms (kb_synonyms; on by default). */
  synonyms?: boolean;
}

export async function analyzeQuery(tx: Tx, workspaceId: string, query: string, opts: AnalyzeOptions): Promise<AnalyzedQuery> {
  const own = opts.synonyms === false ? [] : await loadWorkspaceSynonyms(tx, workspaceId);
  let terms: QueryTerm[] = buildQueryTerms(query, own);
  if (opts.lexicon === false) terms = terms.map((t) => ({ ...t, variants: t.variants.filter((v) => !(v.weak && v.kind !== 'word')) }));
  const words = new Map<string, boolean>();
  for (const t of terms) {
    for (const v of t.variants) if (v.kind === 'word') words.set(v.text, words.get(v.text) ?? false);
    for (const c of t.correctable) words.set(c, true);
  }
  const analysis = await analyzeWords(tx, workspaceId, [...words].map(([word, fix]) => ({ word, fix })), opts.trigram);

  const groups: SearchGroup[] = [];
  for (const t of terms) {
    const strong: QueryItem[] = [];
    const weak: QueryItem[] = [];
    const corrections: string[] = [];
    for (const v of t.variants) (v.weak ? weak : strong).push(...variantItems(v, analysis.get(v.text)?.lex));
    for (const c of t.correctable) {
      const a = analysis.get(c);
      if (!a || !a.near.length) continue;
      for (const fix of pickCorrections(c, a.near)) {
        if (isStopWord(fix.term)) continue;
        corrections.push(fix.term);
        weak.push(...wordItems(fix.term, { ru: fix.ru, en: [], si: [fix.term] }));
        for (const e of opts.lexicon === false ? [] : expandWord(fix.term)) {
          weak.push(...variantItems({ text: e.text, kind: e.phrase ? 'phrase' : e.prefix ? 'prefix' : 'exact', weak: true }, undefined));
        }
      }
    }
    const s = uniqueItems(strong);
    const w = uniqueItems(weak, new Set(s.map(itemKey)));
    if (s.length || w.length) groups.push({ label: t.token, strong: s, weak: w, corrections });
  }
  return { groups, any: orQuery(groups.flatMap((g) => [...g.strong, ...g.weak])) };
}
