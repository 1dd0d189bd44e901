import { describe, expect, it } from 'vitest';
import { buildQueryTerms, tokenizeQuery } from './query-terms';
import { sameWord, synonymWords, type SynonymEntry } from './synonyms';

const entry = (term: string, ...synonyms: string[]): SynonymEntry => ({ term: tokenizeQuery(term), synonyms: synonyms.map(tokenizeQuery) });

describe('workspace synonyms in query terms', () => {
  it('matches inflected forms of the term, not unrelated words', () => {
    expect(sameWord('восьмерку', 'восьмерка')).toBe(true);
    expect(sameWord('восьмерки', 'восьмерка')).toBe(true);
    expect(sameWord('восемь', 'восьмерка')).toBe(false);
    expect(sameWord('зум', 'зум')).toBe(true);
    expect(sameWord('зу', 'зум')).toBe(false);
  });

  it("adds the synonym's words when the term (one or several words) occurs, Ё and case aside", () => {
    const entries = [entry('Восьмёрка', 'зуб мудрости'), entry('права на машину', 'категория B'), entry('брекеты', 'элайнеры')];
    expect(synonymWords(tokenizeQuery('Сколько стоит вырвать ВОСЬМЕРКУ?'), entries)).toEqual(['зуб', 'мудрости']);
    expect(synonymWords(tokenizeQuery('хочу права на машину'), entries)).toEqual(['категория', 'b']);
    expect(synonymWords(tokenizeQuery('хочу права'), entries)).toEqual([]);
    const terms = buildQueryTerms('вырвать восьмерку', entries).map((t) => t.token);
    expect(terms).toEqual(expect.arrayContaining(['зуб', 'мудрости', 'вырвать', 'восьмерку']));
    expect(buildQueryTerms('вырвать восьмерку').map((t) => t.token)).not.toContain('мудрости');
  });
});
