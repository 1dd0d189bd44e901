'use client';
// Who holds a conversation, short (list rows) or as a sentence (thread header):
// "Agent" / "Human · until 14:30" / "Paused"; "Agent replies at 14:02", "You hold it until Tue 09:00",
// "Paused by Anna: reason".
import { useTranslations } from 'next-intl';
import { BotIcon, HandIcon, PauseIcon, UserIcon } from 'lucide-react';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { cn } from '@/lib/utils/cn';
import { shownKind, type Holder } from './types';

const TONE: Record<Holder['kind'], string> = {
  agent: 'bg-emerald-500/10 text-emerald-700 dark:text-emerald-300',
  human: 'bg-sky-500/10 text-sky-700 dark:text-sky-300',
  paused: 'bg-amber-500/10 text-amber-700 dark:text-amber-300',
  nobody: 'bg-muted text-muted-foreground',
};

export function HolderIcon({ kind, className = 'size-3' }: { kind: Holder['kind']; className?: string }) {
  const Icon = kind === 'agent' ? BotIcon : kind === 'human' ? UserIcon : kind === 'paused' ? PauseIcon : HandIcon;
  return <Icon className={className} aria-hidden />;
}

export function HolderChip({ holder }: { holder: Holder | null | undefined }) {
  const t = useTranslations('inbox.holder');
  const fmt = useTimeFormat();
  if (!holder) return null;
  const kind = shownKind(holder);
  const text = kind === 'human' && holder.until ? t('humanUntil', { time: fmt.time(holder.until) }) : t(kind);
  return (
    <span className={cn('inline-flex items-center gap-1 rounded-full px-1.5 py-0.5 text-[11px] font-medium', TONE[kind])} data-testid="holder-chip" data-kind={kind}>
      <HolderIcon kind={kind} />
      {text}
    </span>
  );
}

/** The sentence of the thread header. */
export function useHolderSentence() {
  const t = useTranslations('inbox.holder');
  const fmt = useTimeFormat();
  return (holder: Holder, me: string | null): string => {
    const when = (iso: string) => fmt.dateTime(iso);
    switch (shownKind(holder)) {
      case 'agent':
        return holder.reply_at ? t('agentRepliesAt', { time: fmt.time(holder.reply_at) }) : t('agentHolds');
      case 'human': {
        const mine = !!me && holder.user_id === me;
        const name = holder.user_name ?? t('someone');
        if (holder.until) return mine ? t('youHoldUntil', { time: when(holder.until) }) : t('humanHoldsUntil', { name, time: when(holder.until) });
        return mine ? t('youHold') : t('humanHolds', { name });
      }
      case 'paused': {
        const by = holder.user_name ? t('pausedBy', { name: holder.user_name }) : t('pausedPlain');
        return holder.reason ? `${by}: ${holder.reason}` : by;
      }
      default:
        return t('nobodyHolds');
    }
  };
}
