// next-intl: the locale comes from the user's setting (mirrored in a cookie), not the URL.
import { getRequestConfig } from 'next-intl/server';
import { cookies, headers } from 'next/headers';
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, type Locale } from './config';
import { loadMessages } from './load-messages';

function fromAcceptLanguage(header: string | null): Locale | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const tag = part.split(';')[0].trim().slice(0, 2).toLowerCase();
    if (isLocale(tag)) return tag;
  }
  return undefined;
}

export default getRequestConfig(async () => {
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale: Locale = isLocale(cookieLocale)
    ? cookieLocale
    : fromAcceptLanguage((await headers()).get('accept-language')) ?? DEFAULT_LOCALE;
  return { locale, messages: (await loadMessages(locale)) as never, timeZone: 'Asia/Almaty' };
});
