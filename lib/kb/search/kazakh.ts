// A light Kazakh suffix stripper for query words: Kazakh glues case, plural and possessive
// endings onto stems, including Russian loanwords («экранын», «рассрочкамен»), which
// neither the russian nor the simple text-search config undoes.

const KAZAKH_LETTERS = /[әғқңөұүһі]/u;

export function hasKazakhLetters(text: string): boolean {
  return KAZAKH_LETTERS.test(text);
}

// Longest first; each pass removes one ending, up to three passes (stem + plural + possessive + case).
const SUFFIXES = [
  'ларыңыз', 'леріңіз', 'дарыңыз', 'деріңіз', 'тарыңыз', 'теріңіз',
  'ыңыздар', 'іңіздер', 'сыздар', 'сіздер',
  'ыңыз', 'іңіз', 'ңыз', 'ңіз',
  'ның', 'нің', 'дың', 'дің', 'тың', 'тің',
  'дан', 'ден', 'тан', 'тен', 'нан', 'нен',
  'нда', 'нде', 'мен', 'бен', 'пен',
  'лар', 'лер', 'дар', 'дер', 'тар', 'тер',
  'сыз', 'сіз',
  'ға', 'ге', 'қа', 'ке', 'на', 'не',
  'ды', 'ді', 'ты', 'ті', 'ны', 'ні', 'ын', 'ін',
  'да', 'де', 'та', 'те',
  'сы', 'сі', 'ым', 'ім', 'ың', 'ің',
];

const MIN_STEM = 2;

/** Stems left after removing one, two or three endings («мекенжайларыңыз» → мекенжайлар, мекенжай). */
export function kazakhStems(word: string): string[] {
  const out: string[] = [];
  let current = word;
  for (let pass = 0; pass < 3; pass++) {
    const suffix = SUFFIXES.find((s) => current.endsWith(s) && current.length - s.length >= MIN_STEM);
    if (!suffix) break;
    current = current.slice(0, -suffix.length);
    out.push(current);
  }
  return out;
}
