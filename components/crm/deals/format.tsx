'use client';
// Small display helpers of the deals pages: money in the UI locale, phones from E.164, channel icons.
import { useCallback } from 'react';
import { useLocale } from 'next-intl';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { AtSignIcon, CameraIcon, FlaskConicalIcon, PencilIcon, GlobeIcon, MessageCircleIcon, PhoneIcon, SendIcon, ShoppingBagIcon, UsersIcon } from 'lucide-react';
import type { ChannelType } from './types';

// Kazakh number data is missing from some ICU builds ("32,000"); Kazakhstan groups digits as Russian does.
const INTL_LOCALE: Record<string, string> = { ru: 'ru-RU', en: 'en-US', kk: 'ru-KZ' };

/** "125 000 ₸" with the deal's currency, or a plain number when it has none. */
export function useMoney() {
  const locale = INTL_LOCALE[useLocale()] ?? 'ru-RU';
  return useCallback(
    (value: number | null | undefined, currency?: string | null) => {
      if (value === null || value === undefined) return '';
      try {
        return new Intl.NumberFormat(locale, currency ? { style: 'currency', currency, maximumFractionDigits: 0 } : { maximumFractionDigits: 2 }).format(value);
      } catch {
        return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
      }
    },
    [locale],
  );
}

export function formatPhone(e164: string | null | undefined): string {
  if (!e164) return '';
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

const ICONS: Record<ChannelType, typeof SendIcon> = {
  telegram: SendIcon,
  whatsapp: PhoneIcon,
  vk: UsersIcon,
  avito: ShoppingBagIcon,
  web_chat: GlobeIcon,
  email: AtSignIcon,
  instagram: CameraIcon,
  manual: PencilIcon,
  test: FlaskConicalIcon,
};

export function ChannelIcon({ channel, className = 'size-3.5' }: { channel: ChannelType | null; className?: string }) {
  const Icon = (channel && ICONS[channel]) || MessageCircleIcon;
  return <Icon className={className} aria-hidden />;
}
