'use client';
// The right pane: header, messages (newest at the bottom, older by the before-cursor), AI
// suggestions and the reply box (not for viewers).
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { MessageItem } from './message-item';
import { useThreadActions } from './mutations';
import { useInboxConversation, useInboxMessages } from './queries';
import { ReplyBox } from './reply-box';
import { SuggestionsSlot } from './suggestions-slot';
import { ThreadHeader } from './thread-header';
import { FollowUpCard } from './follow-up-card';

export function ConversationThread({ id, canWrite, me, onBack }: { id: string; canWrite: boolean; me: string | null; onBack: () => void }) {
  const t = useTranslations('inbox.thread');
  const conv = useInboxConversation(id);
  const msgs = useInboxMessages(id);
  const actions = useThreadActions(id);
  const scroller = useRef<HTMLDivElement>(null);
  const [replyText, setReplyText] = useState('');
  const messages = msgs.data ? msgs.data.pages.flatMap((p) => p.data).reverse() : [];
  const newest = messages[messages.length - 1]?.id;
  // An operator looking at the dialog has read what came in (also while it stays open).
  const unread = conv.data?.unread_count ?? 0;
  const { mutate: markRead } = actions.markRead;
  useEffect(() => {
    if (canWrite && unread > 0 && document.visibilityState === 'visible') markRead();
  }, [canWrite, unread, id, markRead]);
  // The newest message in view (the pane scrolls, not the page).
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [newest, id, conv.data]);

  if (conv.isError) return <p className="p-6 text-sm text-destructive">{t('loadFailed')}</p>;
  if (!conv.data) return <Skeleton className="m-4 h-40" />;
  const holder = conv.data.holder;
  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="thread" data-conversation={id}>
      <ThreadHeader conversation={conv.data} canWrite={canWrite} me={me} actions={actions} onBack={onBack} />
      <FollowUpCard conversationId={id} canWrite={canWrite} />
      <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto p-3" data-testid="thread-messages">
        {msgs.hasNextPage && (
          <div className="mb-2 flex justify-center">
            <Button variant="ghost" size="sm" onClick={() => msgs.fetchNextPage()} disabled={msgs.isFetchingNextPage}>
              {t('older')}
            </Button>
          </div>
        )}
        {msgs.isPending ? (
          <Skeleton className="h-40 w-full" />
        ) : messages.length === 0 ? (
          <p className="py-10 text-center text-sm text-muted-foreground">{t('empty')}</p>
        ) : (
          <ol className="space-y-2">
            {messages.map((m) => (
              <MessageItem key={m.id} m={m} canWrite={canWrite} actions={actions} />
            ))}
          </ol>
        )}
      </div>
      <SuggestionsSlot conversationId={id} canWrite={canWrite} onEdit={setReplyText} />
      {canWrite ? (
        <ReplyBox actions={actions} text={replyText} setText={setReplyText} note={holder?.kind === 'agent' ? t('replyTakesOver') : undefined} />
      ) : (
        <p className="border-t p-3 text-center text-xs text-muted-foreground" data-testid="thread-readonly">
          {t('readOnly')}
        </p>
      )}
    </div>
  );
}
