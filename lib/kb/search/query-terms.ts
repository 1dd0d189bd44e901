// First step of query understanding, without the database: split a customer message into
// terms and list, for each, the spellings worth searching (model-number forms, the other
// script, Kazakh stems, lexicon concepts). Stemming and typo correction come next
// (analyze-query.ts), against the same dictionaries the index used.
import { expandWord } from './lexicon';
import { hasKazakhLetters, kazakhStems } from './kazakh';
import { isStopWord } from './stop-words';
import { cyrillicToLatin, isCyrillic, isLatin, latinToCyrillicReadings, modelCodeReadings } from './translit';
import { synonymWords, type SynonymEntry } from './synonyms';

export type VariantKind =
  /** A word: searched by its russian/english/simple lexemes and a prefix of its stem. */
  | 'word'
  /** Matched as written (model codes, numbers, Latin readings). */
  | 'exact'
  /** A lexicon root, matched as a prefix. */
  | 'prefix'
  /** Several words in a row (simple lexemes, adjacent). */
  | 'phrase';

export interface TermVariant {
  text: string;
  kind: VariantKind;
  /** Alternatives that are guesses (lexicon, Kazakh stems, typo fixes) count for less. */
  weak: boolean;
}

export interface QueryTerm {
  /** The word as the customer wrote it (normalised). */
  token: string;
  variants: TermVariant[];
  /** Look the word up in the workspace vocabulary and correct it when absent. */
  correctable: string[];
  /** A pair such as «iphone 13» or «14 pro», matched as a phrase. */
  phrase?: boolean;
}

export const MAX_TERMS = 16;

// Model-line words people write in Cyrillic next to a number («14 про», «13 мини»).
const MODEL_WORDS: Record<string, string> = {
  про: 'pro', макс: 'max', мини: 'mini', плюс: 'plus', ультра: 'ultra', лайт: 'lite', ноут: 'note', нот: 'note',
  эйр: 'air', эир: 'air', се: 'se', фе: 'fe', ультры: 'ultra', прo: 'pro',
};
// Brand names in Cyrillic, for model phrases («айфон 13» → iphone 13).
const BRANDS: Record<string, string> = {
  айфон: 'iphone', айфона: 'iphone', айфоне: 'iphone', самсунг: 'samsung', самсунга: 'samsung', галакси: 'galaxy',
  редми: 'redmi', сяоми: 'xiaomi', ксиаоми: 'xiaomi', поко: 'poco', хонор: 'honor', хуавей: 'huawei', айпад: 'ipad',
  пиксель: 'pixel', реалми: 'realme', оппо: 'oppo', виво: 'vivo', техно: 'tecno', инфиникс: 'infinix',
};
const LATIN_MODEL_WORDS = new Set(['pro', 'max', 'mini', 'plus', 'ultra', 'lite', 'note', 'air', 'se', 'fe', 'fold', 'flip', 'neo']);

export function normalizeQueryText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/ё/g, 'е');
}

const isNumber = (t: string) => /^\d+$/.test(t);
const isModelCode = (t: string) => /^[\p{L}]{1,3}\d+[\p{L}]?$/u.test(t) || /^\d+[\p{L}]$/u.test(t);

/** «14pro» → 14 pro, «iphone14» → iphone 14, «a54», «s21», «5g» stay whole. */
export function splitModelTokens(raw: string): string[] {
  let m = /^(\d+)([\p{L}]{2,})$/u.exec(raw);
  if (m) return [m[1], m[2]];
  m = /^([\p{L}]{3,})(\d+)$/u.exec(raw);
  if (m) return [m[1], m[2]];
  return [raw];
}

export function tokenizeQuery(text: string): string[] {
  const raw = normalizeQueryText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  return raw.flatMap(splitModelTokens);
}

function editDistance1(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (a.length < b.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

function modelWord(token: string): string | undefined {
  if (MODEL_WORDS[token]) return MODEL_WORDS[token];
  if (LATIN_MODEL_WORDS.has(token)) return token;
  if (token.length >= 3) {
    const near = Object.keys(MODEL_WORDS).find((w) => w.length >= 3 && editDistance1(w, token));
    if (near) return MODEL_WORDS[near];
  }
  return undefined;
}

function addVariant(list: TermVariant[], v: TermVariant): void {
  const same = list.find((x) => x.text === v.text && x.kind === v.kind);
  if (same) {
    if (!v.weak) same.weak = false;
    return;
  }
  list.push(v);
}

function addLexicon(list: TermVariant[], word: string): void {
  for (const e of expandWord(word)) {
    addVariant(list, { text: e.text, kind: e.phrase ? 'phrase' : e.prefix ? 'prefix' : 'exact', weak: true });
  }
}

/**
 * The query's terms with their variants, stop words dropped, at most MAX_TERMS; the words of
 * the workspace's synonyms whose term the query has come first (they are the owner's words).
 */
export function buildQueryTerms(text: string, synonyms: SynonymEntry[] = []): QueryTerm[] {
  const tokens = tokenizeQuery(text);
  const kazakh = hasKazakhLetters(normalizeQueryText(text));
  const numberish = tokens.map((t) => isNumber(t) || isModelCode(t));
  const terms: QueryTerm[] = [];
  const modelForms: (string | undefined)[] = tokens.map(() => undefined);

  tokens.forEach((token, i) => {
    const nextToNumber = Boolean(numberish[i - 1] || numberish[i + 1]);
    const variants: TermVariant[] = [];
    const correctable: string[] = [];

    if (isNumber(token)) {
      // Single digits are everywhere (prices, counts); model numbers have two or more.
      if (token.length < 2 || token.length > 6) return;
      addVariant(variants, { text: token, kind: 'exact', weak: false });
      modelForms[i] = token;
    } else if (isModelCode(token)) {
      addVariant(variants, { text: token, kind: 'exact', weak: false });
      for (const r of modelCodeReadings(token)) addVariant(variants, { text: r, kind: 'exact', weak: false });
      modelForms[i] = modelCodeReadings(token)[0] ?? token;
    } else {
      const model = nextToNumber ? modelWord(token) : undefined;
      if (model) {
        addVariant(variants, { text: model, kind: 'exact', weak: false });
        modelForms[i] = model;
      }
      const readings = isLatin(token) && !expandWord(token).length ? latinToCyrillicReadings(token) : [];
      const filler = token.length < 2 || isStopWord(token) || readings.some(isStopWord);
      if (!model && filler) return;
      if (!filler) {
        addVariant(variants, { text: token, kind: 'word', weak: false });
        addLexicon(variants, token);
        if (token.length >= 4) correctable.push(token);
        for (const cyr of readings) {
          addVariant(variants, { text: cyr, kind: 'word', weak: false });
          addLexicon(variants, cyr);
          if (cyr.length >= 4) correctable.push(cyr);
        }
        if (isCyrillic(token)) {
          if (token.length >= 4) addVariant(variants, { text: cyrillicToLatin(token), kind: 'exact', weak: true });
          if (kazakh) {
            for (const stem of kazakhStems(token)) {
              if (isStopWord(stem)) continue;
              addVariant(variants, { text: stem, kind: stem.length >= 4 ? 'word' : 'exact', weak: true });
              addLexicon(variants, stem);
            }
          }
        }
        if (!modelForms[i] && nextToNumber) {
          modelForms[i] = BRANDS[token] ?? readings.map((r) => BRANDS[r]).find(Boolean) ?? (isLatin(token) ? token : undefined);
        }
      }
    }
    if (variants.length) terms.push({ token, variants, correctable });
  });

  // Adjacent model parts as phrases: «iphone 13», «13 mini», «s23 ultra», «note 12».
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = modelForms[i];
    const b = modelForms[i + 1];
    if (!a || !b || !(numberish[i] || numberish[i + 1])) continue;
    const text = `${a} ${b}`;
    if (terms.some((t) => t.token === text)) continue;
    terms.push({ token: text, variants: [{ text, kind: 'phrase', weak: false }], correctable: [], phrase: true });
  }

  const own: QueryTerm[] = synonymWords(tokens, synonyms).map((w) => {
    const variants: TermVariant[] = [{ text: w, kind: isNumber(w) ? 'exact' : 'word', weak: false }];
    addLexicon(variants, w);
    return { token: w, variants, correctable: [] };
  });
  return dedupe([...own.slice(0, MAX_TERMS / 2), ...terms]).slice(0, MAX_TERMS);
}

function dedupe(terms: QueryTerm[]): QueryTerm[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const key = t.variants
      .map((v) => `${v.kind}:${v.text}`)
      .sort()
      .join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
