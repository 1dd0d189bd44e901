// Telegram takes at most 4,096 characters per message. A longer reply is cut into parts that
// end at a paragraph or sentence boundary when one is close enough, else at a word, else hard.
export const TELEGRAM_MAX_TEXT = 4096;

const SENTENCE_END = /[.!?…。]["»”')\]]*\s+/g;

/** Splits `text` into parts of at most `max` characters (UTF-16 units, as Telegram counts). */
export function splitText(text: string, max = TELEGRAM_MAX_TEXT): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = -1;
    // 1. the last paragraph break in the second half of the window
    const para = window.lastIndexOf('\n\n', max);
    if (para >= max / 2) cut = para;
    // 2. the last sentence end
    if (cut < 0) {
      for (const m of window.matchAll(SENTENCE_END)) {
        const end = m.index + m[0].trimEnd().length;
        if (end <= max && end >= max / 4) cut = end;
      }
    }
    // 3. the last whitespace
    if (cut < 0) {
      const ws = Math.max(window.lastIndexOf(' ', max), window.lastIndexOf('\n', max));
      if (ws >= max / 4) cut = ws;
    }
    // 4. hard, never between the halves of a surrogate pair
    if (cut < 0) {
      cut = max;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    const part = rest.slice(0, cut).trimEnd();
    if (part) parts.push(part);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}
