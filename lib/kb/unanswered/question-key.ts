// The key that groups repeats of one question: lower case, ё → е, no punctuation, collapsed spaces.
// "Сколько стоит доставка?!" and "сколько  стоит доставка" count as the same question.
export const QUESTION_MAX = 2000;
const KEY_MAX = 500;

export function questionKey(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .slice(0, KEY_MAX)
    .trim();
}
