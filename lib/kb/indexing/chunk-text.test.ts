import { describe, expect, it } from 'vitest';
import { chunkText } from './chunk-text';

const paragraphs = (n: number, edit?: { at: number; word: string }) =>
  Array.from({ length: n }, (_, p) =>
    Array.from({ length: 4 }, (_, s) => `Paragraph ${p} sentence ${s} is about ${edit?.at === p && s === 1 ? edit.word : 'shipping'} rules for zone ${p}${s}.`).join(' '),
  ).join('\n\n');

describe('chunkText', () => {
  it('returns short text whole, normalised, and nothing for blank text', () => {
    expect(chunkText('  Hello\r\n\r\n\r\n\r\nworld  ')).toEqual(['Hello\n\nworld']);
    expect(chunkText(' \n\t ')).toEqual([]);
  });

  it('cuts long text into chunks no longer than size (+ a separator) that cover every sentence', () => {
    const text = paragraphs(30);
    const chunks = chunkText(text);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(1202);
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeGreaterThan(700);
    for (const sentence of text.split(/(?<=\.)\s+/)) expect(chunks.some((c) => c.includes(sentence))).toBe(true);
    expect(chunks[0].startsWith('Paragraph 0 sentence 0')).toBe(true);
  });

  it('ends chunks on sentence boundaries and overlaps ~150 characters', () => {
    const chunks = chunkText(paragraphs(30));
    for (const c of chunks) expect(c.endsWith('.')).toBe(true);
    for (let i = 1; i < chunks.length; i++) {
      let shared = 0;
      for (let k = 1; k <= Math.min(200, chunks[i].length); k++) if (chunks[i - 1].endsWith(chunks[i].slice(0, k))) shared = k;
      expect(shared).toBeGreaterThan(20);
      expect(shared).toBeLessThanOrEqual(150);
    }
  });

  it('an edit changes only the chunks around it, even when it changes the length', () => {
    const before = chunkText(paragraphs(30));
    const after = chunkText(paragraphs(30, { at: 12, word: 'a considerably longer description of shipping' }));
    const changed = after.filter((c) => !before.includes(c));
    expect(changed.length).toBeGreaterThanOrEqual(1);
    expect(changed.length).toBeLessThanOrEqual(2);
    expect(changed.every((c) => c.includes('Paragraph 12') || c.includes('considerably'))).toBe(true);
  });

  it('hard-splits a text without any boundary', () => {
    const chunks = chunkText('x'.repeat(5000));
    expect(chunks.join('').replace(/ /g, '').length).toBeGreaterThanOrEqual(5000);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(1202);
  });

  it('honours custom sizes', () => {
    const chunks = chunkText(paragraphs(5), { size: 300, overlap: 50 });
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(302);
    expect(chunks.length).toBeGreaterThan(3);
  });
});
