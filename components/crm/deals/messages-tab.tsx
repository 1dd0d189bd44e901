'use client';
// The conversation's messages, read-only until the live inbox: bubbles (inbound left, outbound
// right), newest at the bottom, "load older" by the before-cursor.
import { useTranslations } from 'next-intl';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/utils/cn';
import { WhyThisAnswer, type WhyMessage } from '@/components/runtime/why-this-answer';
import { useMessages } from './queries';

export function MessagesTab({ id }: { id: string }) {
  const t = useTranslations('deals.messages');
  const tw = useTranslations('testChat.why');
  const fmt = useTimeFormat();
  const q = useMessages(id);
  if (q.isPending) return <Skeleton className="h-40 w-full" />;
  if (q.isError) return <p className="text-sm text-destructive">{t('failed')}</p>;
  const messages = q.data.pages.flatMap((p) => p.data).reverse();
  return (
    <div className="space-y-3" data-testid="deal-messages">
      <p className="rounded-md bg-muted px-3 py-2 text-xs text-muted-foreground">{t('readOnly')}</p>
      {q.hasNextPage && (
        <div className="flex justify-center">
          <Button variant="ghost" size="sm" onClick={() => q.fetchNextPage()} disabled={q.isFetchingNextPage}>
            {t('older')}
          </Button>
        </div>
      )}
      {messages.length === 0 && <p className="py-6 text-center text-sm text-muted-foreground">{t('empty')}</p>}
      <ol className="space-y-2">
        {messages.map((m) => {
          const out = m.direction === 'outbound';
          const who = m.operator?.name || m.sender_name || t(`roles.${m.role === 'operator' || m.role === 'agent' || m.role === 'system' ? m.role : 'user'}`);
          return (
            <li key={m.id} className={cn('flex', out ? 'justify-end' : 'justify-start')} data-testid="message-bubble" data-direction={m.direction}>
              <div className={cn('max-w-[85%] rounded-2xl px-3 py-2 text-sm', out ? 'rounded-br-sm bg-primary text-primary-foreground' : 'rounded-bl-sm bg-muted')}>
                <p className="text-[11px] font-medium opacity-80">{who}</p>
                <p className="break-words whitespace-pre-wrap">{m.content}</p>
                <p className="mt-0.5 text-right text-[10px] opacity-70">{fmt.dateTime(m.created_at)}</p>
                {m.role === 'agent' && (m as WhyMessage).turn && (
                  <details className="mt-1 text-xs" data-testid="deal-message-why">
                    <summary className="cursor-pointer opacity-80">{tw('show')}</summary>
                    <WhyThisAnswer message={m as WhyMessage} className="mt-1" />
                  </details>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
