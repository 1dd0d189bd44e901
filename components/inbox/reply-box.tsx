'use client';
// The operator's reply: Enter sends, Shift+Enter is a new line.
import { useTranslations } from 'next-intl';
import { SendIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/textarea';
import type { useThreadActions } from './mutations';

export function ReplyBox({
  actions,
  note,
  text,
  setText,
}: {
  actions: ReturnType<typeof useThreadActions>;
  note?: string;
  text: string;
  setText: (v: string) => void;
}) {
  const t = useTranslations('inbox.reply');
  const send = () => {
    const content = text.trim();
    if (!content || actions.reply.isPending) return;
    actions.reply.mutate(content, { onSuccess: () => setText('') });
  };
  return (
    <form
      className="border-t bg-background p-2 sm:p-3"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      data-testid="reply-box"
    >
      {note && <p className="mb-1.5 text-xs text-muted-foreground">{note}</p>}
      <div className="flex items-end gap-2">
        <Textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            }
          }}
          rows={2}
          placeholder={t('placeholder')}
          aria-label={t('placeholder')}
          className="max-h-40 min-h-10 resize-none"
          data-testid="reply-input"
        />
        <Button type="submit" size="icon" disabled={!text.trim() || actions.reply.isPending} aria-label={t('send')} data-testid="reply-send">
          <SendIcon aria-hidden />
        </Button>
      </div>
      <p className="mt-1 hidden text-[11px] text-muted-foreground sm:block">{t('hint')}</p>
    </form>
  );
}
