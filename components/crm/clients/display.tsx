'use client';
// Small display pieces of the client pages: channel icons, type badge, avatar initials, phone and money text.
import { useLocale, useTranslations } from 'next-intl';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { CameraIcon, GlobeIcon, MailIcon, MessageCircleIcon, SendIcon, ShoppingBagIcon, UsersIcon, type LucideIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { initials } from '@/components/dashboard/initials';
import { cn } from '@/lib/utils/cn';
import type { ClientType, StageRef } from './types';

const CHANNEL_ICONS: Record<string, LucideIcon> = {
  telegram: SendIcon,
  whatsapp: MessageCircleIcon,
  vk: UsersIcon,
  avito: ShoppingBagIcon,
  web_chat: GlobeIcon,
  email: MailIcon,
  instagram: CameraIcon,
};

export function ChannelIcon({ type, className }: { type: string; className?: string }) {
  const t = useTranslations('clients.channels');
  const Icon = CHANNEL_ICONS[type] ?? GlobeIcon;
  const label = t.has(type) ? t(type) : type;
  return (
    <span title={label} className={cn('inline-flex', className)} data-testid={`channel-icon-${type}`}>
      <Icon className="size-4 text-muted-foreground" aria-hidden />
      <span className="sr-only">{label}</span>
    </span>
  );
}

export function TypeBadge({ type }: { type: ClientType }) {
  const t = useTranslations('clients.types');
  const variant = type === 'regular' ? 'success' : type === 'new' ? 'secondary' : 'outline';
  return (
    <Badge variant={variant} data-testid="client-type-badge">
      {t(type)}
    </Badge>
  );
}

export function StageBadge({ stage }: { stage: StageRef | null }) {
  const t = useTranslations('clients.card');
  if (!stage) return <Badge variant="outline">{t('noStage')}</Badge>;
  return (
    <Badge variant="outline" className="gap-1.5">
      <span className="size-2 shrink-0 rounded-full" style={{ backgroundColor: stage.color }} aria-hidden />
      {stage.name}
    </Badge>
  );
}

export function ClientAvatar({ name, className }: { name: string; className?: string }) {
  return (
    <span
      aria-hidden
      className={cn(
        'flex size-9 shrink-0 items-center justify-center rounded-full bg-primary/10 text-xs font-semibold text-primary',
        className,
      )}
    >
      {initials(name || '?')}
    </span>
  );
}

/** E.164 as stored, shown the international way ("+7 701 123 4567"). */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  return parsePhoneNumberFromString(phone)?.formatInternational() ?? phone;
}

export function useMoney() {
  const locale = useLocale();
  return (value: number | null | undefined, currency?: string | null) => {
    if (value === null || value === undefined) return '—';
    try {
      return new Intl.NumberFormat(locale, currency ? { style: 'currency', currency, maximumFractionDigits: 0 } : { maximumFractionDigits: 2 }).format(value);
    } catch {
      return new Intl.NumberFormat(locale).format(value);
    }
  };
}
