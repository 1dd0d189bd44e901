// The customer's language for auto_detect_language (issue 8, step 3): ru, kk or en, or null
// when the text does not say (emoji, "ok", transliterated Russian/Kazakh) so the caller falls
// back to the agent's response_language. A rule, not a model: Kazakh is told from Russian by its
// own letters (ә ғ қ ң ө ұ ү һ і) and by frequent Kazakh words typed without them ("канша",
// "калай"), which people in Kazakhstan write on Russian keyboards all the time.

export type DetectedLanguage = 'ru' | 'kk' | 'en';

const KAZAKH_LETTERS = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

// Frequent Kazakh words, with and without the Kazakh letters (written on a Russian layout).
const KAZAKH_WORDS = new Set(
  (
    'мен сен сіз сиз біз биз олар жоқ жок бар керек қанша канша қалай калай қандай кандай неше және жане үшін ушин ' +
    'рахмет рақмет рахмет сәлем салем сәлеметсіз салеметсиз иә ия жоқпа ма ме ба бе па пе ғой гой екен емес бұл бул осы ' +
    'сол деген тұрады турады болады болама жасайсыз жасайсыздар жасау ауыстыру қайда кайда қашан кашан бағасы багасы ' +
    'ақша акша теңге тенге кешіріңіз кешириниз жақсы жаксы маған маган сізде сизде бізде бизде телефоным экраным'
  ).split(' '),
);

// Frequent Russian words (function words and what customers ask with).
const RUSSIAN_WORDS = new Set(
  (
    'и в во не на я что как сколько стоит у меня мне вы вас есть можно здравствуйте здравствуй привет добрый день ' +
    'спасибо это по за для а но ли нет да хочу нужно надо какой какая какие когда где почему или если уже еще ещё ' +
    'с со от до из к ко о об при мы он она они вам ваш цена цены стоимость работаете пожалуйста подскажите скажите'
  ).split(' '),
);

const ENGLISH_WORDS = new Set(
  (
    'the a an is are am was be to of and in on for with how much what when where why who do does did you your i my me ' +
    'it this that can could would will please thanks thank hello hi hey price cost costs fix repair screen phone need want ' +
    'have has there here about not no yes open today tomorrow'
  ).split(' '),
);

// Russian and Kazakh typed in Latin letters: recognised only to refuse a guess (not English).
const TRANSLIT_WORDS = new Set(
  (
    'privet zdravstvuyte zdravstvuite zdrastvuite skolko skol\'ko stoit mne nuzhno nado kak chto est u menya ' +
    'mozhno pochemu spasibo pozhaluysta ekran zamena remont telefona telefon dobryy dobryi den ' +
    'salem salemetsiz kansha kanša qansha kalai qalai rakhmet rahmet zhok jok bar kerek'
  ).split(' '),
);

const WORD_RE = /[\p{L}']+/gu;

export interface LanguageScores {
  ru: number;
  kk: number;
  en: number;
  translit: number;
}

export function languageScores(text: string): LanguageScores {
  const scores: LanguageScores = { ru: 0, kk: 0, en: 0, translit: 0 };
  for (const raw of text.match(WORD_RE) ?? []) {
    const word = raw.toLowerCase();
    if (CYRILLIC.test(word)) {
      if (KAZAKH_LETTERS.test(word) || KAZAKH_WORDS.has(word)) scores.kk += 1;
      else if (RUSSIAN_WORDS.has(word)) scores.ru += 1;
      // Any other Cyrillic word: Russian more likely than not, but weaker evidence.
      else scores.ru += 0.5;
    } else if (LATIN.test(word)) {
      if (ENGLISH_WORDS.has(word)) scores.en += 1;
      else if (TRANSLIT_WORDS.has(word)) scores.translit += 1;
      // Brand names (iPhone, Samsung) and unknown Latin words say little.
      else scores.en += 0.3;
    }
  }
  return scores;
}

/** ru / kk / en, or null when the text gives no clear answer (fall back to the agent's setting). */
export function detectLanguage(text: string): DetectedLanguage | null {
  const s = languageScores(text);
  const cyrillic = s.ru + s.kk;
  if (cyrillic === 0 && s.en === 0) return null;
  if (cyrillic >= s.en + s.translit) {
    // A single Kazakh word in a Russian sentence ("Сәлем, сколько стоит замена экрана?") stays Russian.
    return s.kk >= s.ru ? 'kk' : 'ru';
  }
  // Latin: English only when its own words outweigh transliterated Russian/Kazakh, and at least
  // one real English word was seen ("ok", "iPhone" alone are not English enough).
  if (s.translit >= s.en) return null;
  const englishWords = (text.match(WORD_RE) ?? []).filter((w) => ENGLISH_WORDS.has(w.toLowerCase())).length;
  return englishWords > 0 ? 'en' : null;
}

/** The language a reply is asked for: the customer's (when auto-detect is on and it is clear), else the agent's, else ru. */
export function replyLanguage(
  agent: { autoDetectLanguage: boolean; responseLanguage: string | null },
  customerTexts: string[],
): { language: string; detected: DetectedLanguage | null } {
  const fallback = agent.responseLanguage || 'ru';
  if (!agent.autoDetectLanguage) return { language: fallback, detected: null };
  // The newest messages first; an unclear one ("ok") looks further back.
  for (let i = customerTexts.length - 1; i >= 0; i--) {
    const detected = detectLanguage(customerTexts[i]);
    if (detected) return { language: detected, detected };
  }
  return { language: fallback, detected: null };
}

export const LANGUAGE_NAMES: Record<string, string> = {
  ru: 'Russian (русский)',
  kk: 'Kazakh (қазақ тілі)',
  en: 'English',
  uz: 'Uzbek',
  ky: 'Kyrgyz',
  uk: 'Ukrainian',
};
