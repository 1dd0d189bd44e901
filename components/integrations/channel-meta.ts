// Per-channel icon and colour accent of the cards.
import { GlobeIcon, MessageCircleIcon, SendIcon, type LucideIcon } from 'lucide-react';
import type { ChannelKind } from './types';

export const CHANNEL_META: Record<ChannelKind, { icon: LucideIcon; accent: string; testId: string }> = {
  telegram: { icon: SendIcon, accent: 'bg-sky-500/15 text-sky-600 dark:text-sky-400', testId: 'telegram' },
  whatsapp: { icon: MessageCircleIcon, accent: 'bg-emerald-500/15 text-emerald-600 dark:text-emerald-400', testId: 'whatsapp' },
  web_chat: { icon: GlobeIcon, accent: 'bg-violet-500/15 text-violet-600 dark:text-violet-400', testId: 'web-chat' },
};
