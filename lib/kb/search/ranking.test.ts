import { describe, expect, it } from 'vitest';
import { allowedDistance, editDistance, pickCorrections } from './analyze-query';
import { candidateQuery } from './fulltext-branch';
import { fuseRanks, RRF_K } from './fuse-ranks';
import { itemText, orQuery } from './tsquery';
import type { SearchGroup } from './analyze-query';

const group = (label: string, lexeme: string): SearchGroup => ({
  label,
  strong: [{ type: 'lexeme', lexeme, prefix: false }],
  weak: [],
  corrections: [],
});

describe('typo correction', () => {
  it('measures edits with transpositions', () => {
    expect(editDistance('экрона', 'экрана')).toBe(1);
    expect(editDistance('акна', 'окна')).toBe(1);
    expect(editDistance('тсекло', 'стекло')).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBeGreaterThan(1);
  });

  it('allows more edits in longer words and keeps the closest neighbours', () => {
    expect([allowedDistance('акна'), allowedDistance('газаблок'), allowedDistance('металочерепица')]).toEqual([1, 2, 3]);
    const near = [
      { term: 'экраном', sim: 0.25, ru: [] },
      { term: 'экране', sim: 0.27, ru: [] },
      { term: 'экрана', sim: 0.4, ru: [] },
      { term: 'экспорт', sim: 0.3, ru: [] },
    ];
    expect(pickCorrections('экрона', near).map((n) => n.term)).toEqual(['экрана', 'экране']);
  });
});

describe('tsquery text', () => {
  it('quotes lexemes and restricts to the title on request', () => {
    expect(itemText({ type: 'lexeme', lexeme: "it's", prefix: true })).toBe("'it''s':*");
    expect(itemText({ type: 'lexeme', lexeme: 'экра', prefix: true }, true)).toBe("'экра':*A");
    expect(itemText({ type: 'phrase', lexemes: ['iphone', '13'] }, true)).toBe("('iphone':A <-> '13':A)");
    expect(orQuery([])).toBeNull();
  });
});

describe('candidate query', () => {
  const stats = (df: number[]) => df.map((d, i) => ({ group: group(`g${i}`, `w${i}`), df: d, idf: 1 }));

  it('ORs every word on a small knowledge base', () => {
    expect(candidateQuery(stats([3, 10, 0]), 50)).toBe("('w0') | ('w1')");
  });

  it('keeps only the rarer words when the common ones would pull too many chunks', () => {
    expect(candidateQuery(stats([30_000, 40, 900, 5_000]), 50_000, 2000)).toBe("('w1') | ('w2')");
  });

  it('pulls chunks with any two of the rarest words when every word is common but pairs are rare', () => {
    expect(candidateQuery(stats([3_000, 2_500, 4_000]), 50_000, 2000)).toBe(
      "(('w1') & ('w0')) | (('w1') & ('w2')) | (('w0') & ('w2'))",
    );
  });

  it('intersects the rarest words when even pairs of them are common', () => {
    expect(candidateQuery(stats([20_000, 10_000, 30_000]), 50_000, 2000)).toBe("('w1') & ('w0') & ('w2')");
  });
});

describe('reciprocal rank fusion', () => {
  it('adds 1/(k + rank) per list and records which lists matched', () => {
    const fused = fuseRanks([
      { name: 'fulltext', hits: [{ articleId: 1, chunkId: 'a', score: 9 }, { articleId: 2, chunkId: 'b', score: 5 }] },
      { name: 'semantic', hits: [{ articleId: 2, chunkId: 'c', score: 0.8 }, { articleId: 3, chunkId: 'd', score: 0.7 }] },
    ]);
    expect(fused.map((f) => f.articleId)).toEqual([2, 1, 3]);
    expect(fused[0]).toMatchObject({ matchedBy: ['fulltext', 'semantic'], chunkId: 'b', scores: { fulltext: 5, semantic: 0.8 } });
    expect(fused[0].score).toBeCloseTo(1 / (RRF_K + 2) + 1 / (RRF_K + 1));
    expect(fused[2]).toMatchObject({ matchedBy: ['semantic'] });
  });
});
