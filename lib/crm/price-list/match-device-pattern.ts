// Device patterns of the price list (seed 004: `iPhone 14 Pro*`): a glob where `*` is any run of
// characters and `?` exactly one. Matching ignores case and whitespace, and folds Cyrillic letters
// that look like Latin ones (а/a, е/e, о/o, р/p, с/c, х/x ...) so a name typed with a mixed
// keyboard still matches. Everything but `*` and `?` is literal: no regex syntax leaks through.
const LOOKALIKE: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i',
};

/** The form both sides are compared in: NFKC, lower case, no whitespace, look-alikes folded. */
export function foldDeviceText(s: string): string {
  return [...s.normalize('NFKC').toLowerCase().replace(/\s+/gu, '')].map((ch) => LOOKALIKE[ch] ?? ch).join('');
}

/**
 * Glob match without regular expressions (nothing in a pattern can act as regex syntax, and
 * no pattern can make it backtrack exponentially): the classic two-pointer wildcard walk,
 * O(pattern × device) at worst. Compares code points, so Cyrillic letters are one character.
 */
function globMatch(p: string[], d: string[]): boolean {
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (j < d.length) {
    if (i < p.length && (p[i] === '?' || (p[i] !== '*' && p[i] === d[j]))) {
      i++;
      j++;
    } else if (i < p.length && p[i] === '*') {
      star = i++;
      mark = j;
    } else if (star >= 0) {
      i = star + 1;
      j = ++mark;
    } else {
      return false;
    }
  }
  while (i < p.length && p[i] === '*') i++;
  return i === p.length;
}

export function matchDevicePattern(pattern: string, device: string): boolean {
  if (typeof pattern !== 'string' || typeof device !== 'string') return false;
  return globMatch([...foldDeviceText(pattern)], [...foldDeviceText(device)]);
}

/**
 * How specific a pattern is: more literal characters first, then fewer wildcards.
 * `iPhone 14 Pro Max` > `iPhone 14 Pro*` > `iPhone 14*` > `iPhone*` > `*`.
 */
export function patternSpecificity(pattern: string): [number, number] {
  const folded = foldDeviceText(pattern);
  const wild = [...folded].filter((c) => c === '*' || c === '?').length;
  return [[...folded].length - wild, -wild];
}

export function compareSpecificity(a: string, b: string): number {
  const [la, wa] = patternSpecificity(a);
  const [lb, wb] = patternSpecificity(b);
  return lb - la || wb - wa;
}
