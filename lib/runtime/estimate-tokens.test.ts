import { describe, expect, it } from 'vitest';
import { estimateTokens, trimToBudget } from './estimate-tokens';

describe('estimateTokens', () => {
  it('costs English at about four letters a token', () => {
    // "Hello, how much does a screen repair cost?" is 11 tokens for GPT-4o's tokenizer.
    const n = estimateTokens('Hello, how much does a screen repair cost?');
    expect(n).toBeGreaterThanOrEqual(10);
    expect(n).toBeLessThanOrEqual(16);
  });

  it('costs Cyrillic well above characters / 4 (the naive rule undercounts it by half)', () => {
    const ru = 'Здравствуйте, сколько стоит замена экрана на телефоне Самсунг в вашем сервисе?';
    const naive = Math.ceil(ru.length / 4);
    expect(estimateTokens(ru)).toBeGreaterThanOrEqual(Math.round(naive * 1.4));
    const kk = 'Сәлеметсіз бе, экранды ауыстыру қанша тұрады?';
    expect(estimateTokens(kk)).toBeGreaterThanOrEqual(Math.round((kk.length / 4) * 1.4));
    // Same meaning, Russian costs more than English.
    expect(estimateTokens('Сколько стоит замена экрана?')).toBeGreaterThan(estimateTokens('How much is a screen replacement?'));
  });

  it('counts digits in groups and every symbol or emoji as one', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('   ')).toBe(0);
    expect(estimateTokens('123456789')).toBe(3);
    expect(estimateTokens('!?👍')).toBe(3);
  });
});

describe('trimToBudget', () => {
  const msg = (n: number) => ({ id: n, content: 'слово '.repeat(20) });
  it('drops the oldest messages first and keeps order', () => {
    const all = Array.from({ length: 10 }, (_, i) => msg(i));
    const one = estimateTokens(all[0].content) + 4;
    const { kept, dropped } = trimToBudget(all, one * 3 + 1);
    expect(kept.map((m) => m.id)).toEqual([7, 8, 9]);
    expect(dropped).toBe(7);
    expect(trimToBudget(all, 1_000_000)).toEqual({ kept: all, dropped: 0 });
  });

  it('keeps the tail of a newest message larger than the whole budget', () => {
    const { kept, dropped } = trimToBudget([msg(0), { id: 1, content: 'а'.repeat(1000) + 'КОНЕЦ' }], 20);
    expect(dropped).toBe(1);
    expect(kept).toHaveLength(1);
    expect(kept[0].content.endsWith('КОНЕЦ')).toBe(true);
    expect(kept[0].content.length).toBeLessThan(100);
  });
});
