// A workspace's own synonyms (kb_synonyms) in query understanding: when the customer's message
// has the owner's term («восьмерка»), the words the owner gave for it («зуб мудрости») join the
// query as if the customer had written them too (full matches, not guesses). Inflected forms of
// the term match: the same word, or a word sharing its stem (all but the last two letters).
import { isStopWord } from './stop-words';

/** One synonym entry ready for matching: the term's tokens and each synonym's tokens. */
export interface SynonymEntry {
  term: string[];
  synonyms: string[][];
}

function stem(word: string): string {
  const n = [...word].length;
  return n >= 5 ? [...word].slice(0, Math.max(4, n - 2)).join('') : word;
}

export function sameWord(token: string, termWord: string): boolean {
  if (token === termWord) return true;
  const n = [...termWord].length;
  if (n < 3) return false;
  const diff = [...token].length - n;
  return diff >= -2 && diff <= 3 && token.startsWith(stem(termWord));
}

function occursIn(tokens: string[], term: string[]): boolean {
  for (let i = 0; i + term.length <= tokens.length; i++) {
    if (term.every((w, j) => sameWord(tokens[i + j], w))) return true;
  }
  return false;
}

/** The words of every synonym whose term occurs in the query tokens (stop words dropped, no repeats). */
export function synonymWords(tokens: string[], entries: SynonymEntry[]): string[] {
  const out = new Set<string>();
  for (const e of entries) {
    if (!occursIn(tokens, e.term)) continue;
    for (const s of e.synonyms) for (const w of s) if (!isStopWord(w) && !tokens.includes(w)) out.add(w);
  }
  return [...out];
}
