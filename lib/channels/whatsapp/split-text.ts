// WhatsApp text bodies hold at most 4,096 characters: a longer reply goes as several
// messages, cut at a paragraph, then a sentence, then a word boundary, else hard.
export const WHATSAPP_TEXT_LIMIT = 4096;

export function splitText(text: string, limit = WHATSAPP_TEXT_LIMIT): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const floor = Math.floor(limit / 2);
    let cut = window.lastIndexOf('\n\n');
    if (cut < floor) {
      const sentence = Math.max(window.lastIndexOf('. '), window.lastIndexOf('! '), window.lastIndexOf('? '), window.lastIndexOf('\n'));
      cut = sentence >= floor ? sentence + 1 : -1;
    }
    if (cut < floor) {
      const space = window.lastIndexOf(' ');
      cut = space >= floor ? space : limit;
    }
    parts.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}
