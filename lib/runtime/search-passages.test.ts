import { describe, expect, it } from 'vitest';
import { isRelevant, RELEVANT_FULLTEXT, RELEVANT_SIMILARITY } from './search-passages';

describe('the "nothing relevant found" rule', () => {
  it('takes one distinctive word (or a title word) matched by full text, or a close semantic neighbour', () => {
    // One word found in 1 of 4 chunks: IDF ln(1 + 3.5/1.5) ≈ 1.2.
    expect(isRelevant({ scores: { fulltext: Math.log(1 + 3.5 / 1.5) } })).toBe(true);
    // A word in half the chunks, in the title (×1.6): ln 2 × 1.6 ≈ 1.1.
    expect(isRelevant({ scores: { fulltext: Math.log(2) * 1.6 } })).toBe(true);
    expect(isRelevant({ scores: { semantic: 0.62 } })).toBe(true);
  });

  it('rejects a common word only in the body, or a far semantic neighbour', () => {
    // A word in half the chunks, body only: ln 2 ≈ 0.69.
    expect(isRelevant({ scores: { fulltext: Math.log(2) } })).toBe(false);
    // Just over the semantic branch's own floor (0.3): still noise.
    expect(isRelevant({ scores: { semantic: 0.33 } })).toBe(false);
    expect(isRelevant({ scores: { fulltext: RELEVANT_FULLTEXT - 0.01, semantic: RELEVANT_SIMILARITY - 0.01 } })).toBe(false);
    expect(isRelevant({ scores: {} })).toBe(false);
  });
});
