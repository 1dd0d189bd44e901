import { describe, expect, it } from 'vitest';
import { buildQueryTerms, splitModelTokens, tokenizeQuery } from './query-terms';
import { cyrillicToLatin, latinToCyrillic, latinToCyrillicReadings, modelCodeReadings } from './translit';
import { hasKazakhLetters, kazakhStems } from './kazakh';
import { expandWord } from './lexicon';

const variants = (q: string) => Object.fromEntries(buildQueryTerms(q).map((t) => [t.token, t.variants.map((v) => v.text)]));

describe('query terms', () => {
  it('splits glued model numbers and keeps model codes whole', () => {
    expect(splitModelTokens('14pro')).toEqual(['14', 'pro']);
    expect(splitModelTokens('iphone14')).toEqual(['iphone', '14']);
    expect(splitModelTokens('a54')).toEqual(['a54']);
    expect(tokenizeQuery('Айфон 14Pro, Ёмкость!')).toEqual(['айфон', '14', 'pro', 'емкость']);
  });

  it('reads Cyrillic look-alikes in model codes as Latin («а54» → a54, «с21» → s21)', () => {
    expect(modelCodeReadings('а54')).toEqual(['a54']);
    expect(modelCodeReadings('с21')).toEqual(['s21', 'c21']);
    expect(variants('самсунг с21')['с21']).toEqual(expect.arrayContaining(['s21', 'c21']));
  });

  it('turns Cyrillic model words next to a number into Latin and adds model phrases', () => {
    const terms = variants('айфон 13 мини, 12 про');
    expect(terms['мини']).toContain('mini');
    expect(terms['про']).toEqual(['pro']);
    expect(terms['iphone 13']).toEqual(['iphone 13']);
    expect(terms['13 mini']).toEqual(['13 mini']);
    expect(terms['12 pro']).toEqual(['12 pro']);
    // «про» away from a number is just a preposition.
    expect(variants('расскажите про гарантию')).not.toHaveProperty('про');
  });

  it('drops filler words in all three languages', () => {
    expect(Object.keys(variants('Здравствуйте, подскажите пожалуйста сколько стоит замена'))).toEqual(['замена']);
    expect(Object.keys(variants('How much does it cost, please?'))).toEqual(['cost']);
    expect(Object.keys(variants('Жөндеуге кепілдік бар ма?'))).toEqual(['жөндеуге', 'кепілдік']);
  });

  it('adds Cyrillic readings of Latin-script Russian and drops Latin fillers', () => {
    expect(variants('zamena ekrana')).toMatchObject({ zamena: expect.arrayContaining(['замена']), ekrana: expect.arrayContaining(['экрана']) });
    expect(Object.keys(variants('skolko stoit na aifon'))).toEqual(['aifon']);
    expect(variants('aifon').aifon).toContain('айфон');
  });

  it('strips Kazakh endings only in Kazakh messages', () => {
    expect(variants('iPhone экранын ауыстыру қанша')['экранын']).toContain('экран');
    expect(variants('экранын')['экранын']).not.toContain('экран');
  });

  it('expands concepts across languages', () => {
    expect(variants('rice')['rice']).toContain('рис');
    expect(variants('кепілдік')['кепілдік']).toEqual(expect.arrayContaining(['гарант', 'warrant']));
  });
});

describe('transliteration and Kazakh stems', () => {
  it('reads Latin-script Russian', () => {
    expect(latinToCyrillic('zaryazhaetsya')).toBe('заряжается');
    expect(latinToCyrillic('akkumulyatora')).toBe('аккумулятора');
    expect(latinToCyrillic('zimoi')).toBe('зимой');
    expect(latinToCyrillic('ekrana')).toBe('экрана');
    expect(latinToCyrillicReadings('stoit')).toEqual(['стойт', 'стоит']);
  });

  it('writes Cyrillic brand names in Latin', () => {
    expect(cyrillicToLatin('самсунг')).toBe('samsung');
    expect(cyrillicToLatin('редми')).toBe('redmi');
  });

  it('strips Kazakh case, plural and possessive endings', () => {
    expect(hasKazakhLetters('қанша')).toBe(true);
    expect(hasKazakhLetters('сколько')).toBe(false);
    expect(kazakhStems('мекенжайларыңыз')).toEqual(['мекенжай']);
    expect(kazakhStems('суға')).toEqual(['су']);
    expect(kazakhStems('рассрочкамен')).toEqual(['рассрочка']);
    expect(kazakhStems('іргетасқа')).toEqual(['іргетас']);
  });

  it('lexicon entries do not expand to themselves', () => {
    expect(expandWord('гарантия').some((e) => e.text === 'гарант')).toBe(false);
    expect(expandWord('гарантия').some((e) => e.text === 'warrant')).toBe(true);
    expect(expandWord('qwerty')).toEqual([]);
  });
});
