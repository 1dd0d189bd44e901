// The device-pattern glob the runtime quotes prices from.
import { describe, expect, it } from 'vitest';
import { compareSpecificity, matchDevicePattern } from '@/lib/crm/price-list/match-device-pattern';
import { codeFromName, assignCodes } from '@/lib/crm/pipelines/stage-codes';

describe('matchDevicePattern', () => {
  it.each([
    ['iPhone 14 Pro*', 'iPhone 14 Pro Max', true],
    ['iPhone 14 Pro*', 'iPhone 14 Pro', true],
    ['iPhone 14 Pro*', 'iPhone 14', false],
    ['iPhone 14 Pro*', 'iPhone 13 Pro', false],
    ['iPhone 1?', 'iPhone 13', true],
    ['iPhone 1?', 'iPhone 1', false],
    ['iPhone 1?', 'iPhone 131', false],
    ['*', 'anything at all', true],
    ['Samsung*A5?', 'Samsung Galaxy A52', true],
  ])('%s ~ %s → %s', (pattern, device, expected) => {
    expect(matchDevicePattern(pattern, device)).toBe(expected);
  });

  it('ignores case and whitespace', () => {
    expect(matchDevicePattern('iPhone 14 Pro*', 'IPHONE14PRO max')).toBe(true);
    expect(matchDevicePattern('iphone14pro', '  iPhone   14 Pro ')).toBe(true);
  });

  it('handles Cyrillic names and folds Cyrillic look-alikes into Latin', () => {
    expect(matchDevicePattern('Айфон 14*', 'айфон 14 про')).toBe(true);
    expect(matchDevicePattern('Айфон 14*', 'айфон 15')).toBe(false);
    // "iPhоne" typed with a Cyrillic о and е
    expect(matchDevicePattern('iPhone 14*', 'iPhоnе 14')).toBe(true);
    // ? is one letter, also a Cyrillic one
    expect(matchDevicePattern('Редми ?', 'редми ж')).toBe(true);
  });

  it('treats regex syntax as plain characters', () => {
    expect(matchDevicePattern('Galaxy (S23)', 'Galaxy (S23)')).toBe(true);
    expect(matchDevicePattern('Galaxy (S23)', 'Galaxy S23')).toBe(false);
    expect(matchDevicePattern('a.c', 'abc')).toBe(false);
    expect(matchDevicePattern('[a-z]+', 'abc')).toBe(false);
    expect(matchDevicePattern('[a-z]+', '[a-z]+')).toBe(true);
    expect(matchDevicePattern('^x$|.*', 'anything')).toBe(false);
    expect(matchDevicePattern('\\d', '\\d')).toBe(true);
  });

  it('stays fast on patterns that would make a regex backtrack', () => {
    const started = performance.now();
    expect(matchDevicePattern('*a*a*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(250))).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('ranks the most specific pattern first', () => {
    const patterns = ['*', 'iPhone*', 'iPhone 14 Pro Max', 'iPhone 14*', 'iPhone 14 Pro*', 'iPhone 14 Pro ???'];
    expect([...patterns].sort(compareSpecificity)).toEqual(['iPhone 14 Pro Max', 'iPhone 14 Pro*', 'iPhone 14 Pro ???', 'iPhone 14*', 'iPhone*', '*']);
  });
});

describe('stage codes from names', () => {
  it('transliterates Russian and Kazakh names and falls back to stage_N', () => {
    expect(codeFromName('В работе')).toBe('v_rabote');
    expect(codeFromName('Қабылданды')).toBe('qabyldandy');
    expect(codeFromName('Won!')).toBe('won');
    expect(codeFromName('123')).toBeNull();
    expect(assignCodes([{ name: 'Новый' }, { name: 'Новый' }, { name: '😀' }, { code: 'x', name: 'X' }]).map((s) => s.code)).toEqual([
      'novyy',
      'novyy_2',
      'stage_3',
      'x',
    ]);
  });
});
