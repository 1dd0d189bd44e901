// Knowledge-base-only replies (issue 8): with no model configured (the embedded default) or when
// the agent chooses it, the agent quotes the best-matching passage and names its article, or
// says its no-answer message. The wording around the quote follows the reply language.
import type { TurnArticle } from './types';

const CITE: Record<string, (title: string) => string> = {
  ru: (t) => `По статье «${t}»:`,
  kk: (t) => `«${t}» мақаласы бойынша:`,
  en: (t) => `From the article “${t}”:`,
};

const DEFAULT_NO_ANSWER: Record<string, string> = {
  ru: 'К сожалению, я не нашёл ответа на этот вопрос. Передам его менеджеру, он свяжется с вами.',
  kk: 'Өкінішке орай, бұл сұраққа жауап таппадым. Сұрағыңызды менеджерге жіберемін, ол сізбен хабарласады.',
  en: "Sorry, I couldn't find an answer to that. I'll pass your question to a manager who will get back to you.",
};

export const QUOTE_CHARS = 700;

/** The passage cut at a sentence (or word) end near `max` characters. */
export function quotePassage(text: string, max = QUOTE_CHARS): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const sentence = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  if (sentence > max * 0.5) return cut.slice(0, sentence + 1);
  const word = cut.lastIndexOf(' ');
  return `${cut.slice(0, word > 0 ? word : max)} …`;
}

export function citeArticle(article: TurnArticle, language: string): string {
  const intro = (CITE[language] ?? CITE.ru)(article.title);
  return `${intro} ${quotePassage(article.passage ?? '')}`;
}

export function noAnswerText(message: string | null, language: string): string {
  return message?.trim() || DEFAULT_NO_ANSWER[language] || DEFAULT_NO_ANSWER.ru;
}

/** Whether a model's reply is (or contains) the no-answer message. */
export function saysNoAnswer(reply: string, noAnswer: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const n = norm(noAnswer);
  return n.length > 0 && norm(reply).includes(n);
}
