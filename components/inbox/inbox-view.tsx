'use client';
// /w/[slug]/conversations: the live inbox. Desktop: list and thread side by side; phone: the
// list, and the thread as its own screen (?c=<id>). Events refetch what they touch.
import { useTranslations } from 'next-intl';
import { MessagesSquareIcon } from 'lucide-react';
import { cn } from '@/lib/utils/cn';
import { ConversationList } from './conversation-list';
import { ConversationThread } from './conversation-thread';
import { useInboxLive } from './use-inbox-live';
import { useInboxUrl } from './use-inbox-url';

export function InboxView({ canWrite, me }: { canWrite: boolean; me: string | null }) {
  const t = useTranslations('inbox');
  const url = useInboxUrl();
  const selected = url.selected;
  useInboxLive(selected);
  return (
    <div className="space-y-3" data-testid="inbox-page">
      <h1 className={cn('text-2xl font-semibold tracking-tight', selected && 'max-md:sr-only')}>{t('title')}</h1>
      <div className="grid h-[calc(100dvh-12rem)] min-h-[32rem] overflow-hidden rounded-xl border bg-card md:grid-cols-[minmax(18rem,24rem)_1fr]">
        <section className={cn('min-h-0 border-r max-md:border-r-0', selected && 'max-md:hidden')} aria-label={t('listLabel')} data-testid="inbox-list">
          <ConversationList filters={url.filters} onFilters={url.setFilters} selected={selected} onOpen={(id) => url.set({ c: id }, true)} />
        </section>
        <section className={cn('min-h-0', !selected && 'max-md:hidden')} aria-label={t('threadLabel')}>
          {selected ? (
            <ConversationThread key={selected} id={selected} canWrite={canWrite} me={me} onBack={() => url.set({ c: undefined }, true)} />
          ) : (
            <div className="flex h-full flex-col items-center justify-center gap-2 p-6 text-center text-sm text-muted-foreground" data-testid="thread-placeholder">
              <MessagesSquareIcon className="size-8 opacity-50" aria-hidden />
              {t('pick')}
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
