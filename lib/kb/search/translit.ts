// Transliteration both ways for query variants: customers type Russian in Latin letters
// («zamena ekrana») and brand names in Cyrillic («самсунг»); articles use the other script.

const LATIN_MULTI: [string, string][] = [
  ['shch', 'щ'],
  ['tsya', 'тся'],
  ['sch', 'щ'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['ts', 'ц'],
  ['yu', 'ю'],
  ['ju', 'ю'],
  ['ya', 'я'],
  ['ja', 'я'],
  ['yo', 'е'],
  ['jo', 'е'],
  ['ye', 'е'],
  ['yi', 'ый'],
  ['iy', 'ий'],
  ['yy', 'ый'],
  ['ck', 'к'],
  ['ph', 'ф'],
  ['x', 'кс'],
];

const LATIN_SINGLE: Record<string, string> = {
  a: 'а', b: 'б', c: 'ц', d: 'д', e: 'е', f: 'ф', g: 'г', h: 'х', i: 'и', j: 'й', k: 'к', l: 'л', m: 'м',
  n: 'н', o: 'о', p: 'п', q: 'к', r: 'р', s: 'с', t: 'т', u: 'у', v: 'в', w: 'в', y: 'ы', z: 'з', "'": 'ь',
};

const CYR_VOWELS = new Set('аеёиоуыэюя');

/**
 * Cyrillic readings of a Latin-script Russian word: «zamena» → [замена]; «i» after a vowel
 * is ambiguous (aifon → айфон, stoit → стоит), so such words get both readings.
 */
export function latinToCyrillicReadings(word: string): string[] {
  const withShortI = latinToCyrillic(word);
  const plain = latinToCyrillic(word, false);
  return withShortI === plain ? [plain] : [withShortI, plain];
}

/** «zamena ekrana» → «замена экрана»; «aifon» → «айфон». Lower-case Latin letters in, Cyrillic out. */
export function latinToCyrillic(word: string, shortI = true): string {
  let out = '';
  let i = 0;
  const w = word.toLowerCase();
  outer: while (i < w.length) {
    // A word-initial «e» is usually «э» (ekran, etazh); inside a word it is «е».
    if (i === 0 && w[0] === 'e') {
      out += 'э';
      i += 1;
      continue;
    }
    for (const [lat, cyr] of LATIN_MULTI) {
      if (w.startsWith(lat, i)) {
        // «tsya» only at the end of a word (zaryazhaetsya), «ts» elsewhere is «ц».
        if (lat === 'tsya' && i + lat.length !== w.length) continue;
        out += cyr;
        i += lat.length;
        continue outer;
      }
    }
    const ch = w[i];
    // «i» after a vowel is «й»: aifon → айфон, treid → трейд, zimoi → зимой.
    if (shortI && ch === 'i' && out.length > 0 && CYR_VOWELS.has(out[out.length - 1]) && (i + 1 === w.length || !'aeiouy'.includes(w[i + 1]))) {
      out += 'й';
    } else {
      out += LATIN_SINGLE[ch] ?? ch;
    }
    i += 1;
  }
  return out;
}

const CYR_TO_LAT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i',
};

/** «самсунг» → «samsung», «редми» → «redmi». */
export function cyrillicToLatin(word: string): string {
  let out = '';
  for (const ch of word.toLowerCase()) out += CYR_TO_LAT[ch] ?? ch;
  return out;
}

/** Cyrillic letters that look like Latin ones, as people type model codes («а54», «с21»). */
const HOMOGLYPHS: Record<string, string[]> = {
  а: ['a'], в: ['b', 'v'], е: ['e'], к: ['k'], м: ['m'], н: ['h', 'n'], о: ['o'], р: ['p', 'r'], с: ['s', 'c'],
  т: ['t'], у: ['y', 'u'], х: ['x', 'h'], г: ['g'], ф: ['f'], з: ['z'], и: ['i'], л: ['l'], д: ['d'], ю: ['u'], й: ['j'],
};

/** «с21» → ["s21", "c21"]: every Latin reading of a short Cyrillic prefix before digits. */
export function modelCodeReadings(token: string): string[] {
  const m = /^([\p{Script=Cyrillic}]{1,3})(\d[\p{L}\p{N}]*)$/u.exec(token);
  if (!m) return [];
  let readings = [''];
  for (const ch of m[1]) {
    const options = HOMOGLYPHS[ch] ?? [CYR_TO_LAT[ch] ?? ch];
    readings = readings.flatMap((r) => options.map((o) => r + o));
  }
  return readings.map((r) => r + m[2]);
}

export const isLatin = (s: string) => /^[a-z]+$/.test(s);
export const isCyrillic = (s: string) => /^[\p{Script=Cyrillic}]+$/u.test(s);
