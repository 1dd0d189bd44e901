// A token estimate for budgeting the prompt without a tokenizer dependency. "Characters / 4"
// is right for English and wrong by half for Russian and Kazakh: BPE vocabularies trained
// mostly on English split Cyrillic words into pieces of 2-3 letters (a Cyrillic letter is also
// two UTF-8 bytes). So each run of letters is costed by its script, digits in groups of three,
// every other symbol (punctuation, emoji) as one token. It errs on the high side: a budget
// built on it leaves the model room rather than overflowing the context.

const PIECE_RE = /\p{Script=Cyrillic}+|\p{L}+|\p{N}+|[^\s\p{L}\p{N}]/gu;
const CYRILLIC = /^\p{Script=Cyrillic}/u;
const LETTER = /^\p{L}/u;
const DIGIT = /^\p{N}/u;

/** Letters per token by script (conservative ends of what GPT-4-family tokenizers do). */
export const CHARS_PER_TOKEN = { latin: 4, cyrillic: 2.5, digits: 3 } as const;

export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const piece of text.match(PIECE_RE) ?? []) {
    const len = [...piece].length;
    if (CYRILLIC.test(piece)) tokens += Math.ceil(len / CHARS_PER_TOKEN.cyrillic);
    else if (LETTER.test(piece)) tokens += Math.ceil(len / CHARS_PER_TOKEN.latin);
    else if (DIGIT.test(piece)) tokens += Math.ceil(len / CHARS_PER_TOKEN.digits);
    else tokens += 1;
  }
  return tokens;
}

/** Per-message framing of the chat format (role, separators). */
export const MESSAGE_OVERHEAD_TOKENS = 4;

/**
 * The newest messages that fit `budget` tokens, in their original order: the oldest go first.
 * The newest message is always kept (trimmed to the budget if it alone is larger).
 */
export function trimToBudget<T extends { content: string }>(messages: T[], budget: number): { kept: T[]; dropped: number } {
  const kept: T[] = [];
  let used = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const cost = estimateTokens(messages[i].content) + MESSAGE_OVERHEAD_TOKENS;
    if (used + cost > budget) {
      if (kept.length > 0) return { kept: kept.reverse(), dropped: i + 1 };
      // Keep the tail of an oversized newest message (about budget tokens' worth of letters).
      const chars = Math.max(0, Math.floor(budget * CHARS_PER_TOKEN.cyrillic));
      return { kept: [{ ...messages[i], content: messages[i].content.slice(-chars) }], dropped: i };
    }
    used += cost;
    kept.push(messages[i]);
  }
  return { kept: kept.reverse(), dropped: 0 };
}
