// Server-side translation outside React (mails, notifications).
import { createTranslator } from 'next-intl';
import ruMail from './messages/ru/mail.json';
import enMail from './messages/en/mail.json';
import kkMail from './messages/kk/mail.json';
import { isLocale, type Locale } from './config';

const MAIL: Record<Locale, Record<string, unknown>> = { ru: ruMail, en: enMail, kk: kkMail };

export function translatorFor(locale: string | null | undefined) {
  const l: Locale = isLocale(locale) ? locale : 'ru';
  const t = createTranslator({ locale: l, messages: { mail: { ...ruMail, ...MAIL[l] } } as never });
  return (key: `mail.${string}`, values?: Record<string, string | number>) =>
    (t as unknown as (k: string, v?: Record<string, string | number>) => string)(key, values);
}
