'use client';
// The agent's test conversations, newest first; the chosen one is highlighted.
import { useTranslations } from 'next-intl';
import { MessageSquareIcon } from 'lucide-react';
import { Skeleton } from '@/components/ui/skeleton';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { cn } from '@/lib/utils/cn';
import { useTestConversations } from './queries';

export function ConversationList({ agentId, selected, onSelect }: { agentId: string | null; selected: string | null; onSelect: (id: string) => void }) {
  const t = useTranslations('testChat.list');
  const fmt = useTimeFormat();
  const q = useTestConversations(agentId);
  if (!agentId) return null;
  if (q.isPending) return <Skeleton className="h-24 w-full" />;
  if (q.isError) return <p className="text-sm text-destructive">{t('failed')}</p>;
  if (!q.data.length) return <p className="text-sm text-muted-foreground">{t('empty')}</p>;
  return (
    <ul className="max-h-48 space-y-1 overflow-y-auto lg:max-h-[60vh]" data-testid="test-conversations">
      {q.data.map((c) => (
        <li key={c.id}>
          <button
            type="button"
            onClick={() => onSelect(c.id)}
            className={cn(
              'flex w-full items-start gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-accent',
              c.id === selected && 'bg-accent font-medium',
            )}
            aria-current={c.id === selected ? 'true' : undefined}
            data-testid="test-conversation-item"
          >
            <MessageSquareIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
            <span className="min-w-0 flex-1">
              <span className="block truncate">{c.last_message?.content || t('untitled')}</span>
              <span className="block text-xs text-muted-foreground">
                {fmt.dateTime(c.last_message_at ?? c.created_at ?? '')} · {t('messages', { count: c.messages_count })}
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
