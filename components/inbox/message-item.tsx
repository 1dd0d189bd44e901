'use client';
// One message of the thread: role styling (customer left; agent, operator right), attachments,
// delivery status (failed: the error and Retry), discarded replies faded with the reason,
// "why this answer" on agent messages, and a draft's approve / edit-then-approve / reject.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { AlertCircleIcon, BotIcon, CheckCheckIcon, CheckIcon, ClockIcon, PencilIcon, RotateCwIcon, XIcon } from 'lucide-react';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { WhyThisAnswer } from '@/components/runtime/why-this-answer';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/textarea';
import { cn } from '@/lib/utils/cn';
import { MessageAttachments } from './message-attachments';
import type { useThreadActions } from './mutations';
import type { InboxMessage } from './types';

function StatusMark({ status }: { status: string | null }) {
  const t = useTranslations('inbox.status');
  if (!status || status === 'received') return null;
  const Icon = status === 'queued' ? ClockIcon : status === 'sent' ? CheckIcon : status === 'delivered' || status === 'read' ? CheckCheckIcon : status === 'failed' ? AlertCircleIcon : null;
  const known = ['queued', 'sent', 'delivered', 'read', 'failed', 'draft', 'rejected'].includes(status);
  return (
    <span className={cn('inline-flex items-center gap-0.5', status === 'read' && 'text-sky-300 dark:text-sky-400')} data-testid="message-status" data-status={status}>
      {Icon && <Icon className="size-3" aria-hidden />}
      {known ? t(status as 'queued') : status}
    </span>
  );
}


// Replies the channel path discarded before they went out (lib/channels/reply/supersede-reply.ts).
const SUPERSEDED = new Set(['superseded_newer_message', 'superseded_taken_over', 'superseded_closed']);
export function MessageItem({ m, canWrite, actions }: { m: InboxMessage; canWrite: boolean; actions: ReturnType<typeof useThreadActions> }) {
  const t = useTranslations('inbox.thread');
  const tw = useTranslations('testChat.why');
  const fmt = useTimeFormat();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(m.content);
  const out = m.direction === 'outbound';
  const draft = m.status === 'draft';
  const discarded = m.status === 'rejected';
  const failed = m.status === 'failed';
  const who = m.operator?.name || m.sender_name || t(`roles.${m.role}`);
  const busy = actions.approve.isPending || actions.reject.isPending;

  if (m.role === 'system')
    return (
      <li className="flex justify-center" data-testid="message-bubble" data-role="system">
        <p className="max-w-[85%] rounded-full bg-muted px-3 py-1 text-center text-xs text-muted-foreground">{m.content}</p>
      </li>
    );

  return (
    <li className={cn('flex', out ? 'justify-end' : 'justify-start')} data-testid="message-bubble" data-direction={m.direction} data-role={m.role} data-status={m.status ?? ''}>
      <div
        className={cn(
          'max-w-[85%] rounded-2xl px-3 py-2 text-sm shadow-xs',
          !out && 'rounded-bl-sm bg-muted',
          out && m.role === 'operator' && 'rounded-br-sm bg-primary text-primary-foreground',
          out && m.role === 'agent' && 'rounded-br-sm border border-violet-500/30 bg-violet-500/10',
          draft && 'border-dashed border-amber-500/60 bg-amber-500/10',
          discarded && 'opacity-55',
          failed && 'ring-1 ring-destructive/60',
        )}
      >
        <p className="flex items-center gap-1 text-[11px] font-medium opacity-80">
          {m.role === 'agent' && <BotIcon className="size-3" aria-hidden />}
          {who}
          {draft && <span className="rounded bg-amber-500/20 px-1 text-amber-800 dark:text-amber-200">{t('draft')}</span>}
        </p>
        {editing ? (
          <div className="mt-1 space-y-2">
            <Textarea value={text} onChange={(e) => setText(e.target.value)} rows={4} className="bg-background text-foreground" data-testid="draft-edit-text" aria-label={t('editDraft')} />
            <div className="flex flex-wrap gap-2">
              <Button size="sm" disabled={busy || !text.trim()} onClick={() => actions.approve.mutate({ messageId: m.id, content: text.trim() }, { onSuccess: () => setEditing(false) })} data-testid="draft-save-approve">
                <CheckIcon aria-hidden />
                {t('saveApprove')}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => (setEditing(false), setText(m.content))}>
                {t('cancel')}
              </Button>
            </div>
          </div>
        ) : (
          m.content && <p className={cn('break-words whitespace-pre-wrap', discarded && 'line-through decoration-1')}>{m.content}</p>
        )}
        <MessageAttachments attachments={m.attachments} />
        {discarded && (
          <p className="mt-1 text-xs italic" data-testid="message-discarded">
            {m.error && SUPERSEDED.has(m.error)
              ? t(`superseded.${m.error.slice('superseded_'.length)}`)
              : m.error
                ? t('discardedWhy', { reason: m.error })
                : t('discarded')}
          </p>
        )}
        {failed && (
          <div className="mt-1 flex flex-wrap items-center gap-2 text-xs" data-testid="message-failed">
            <span className="font-medium text-destructive dark:text-red-300">{m.error || t('failed')}</span>
            {canWrite && (
              <Button size="sm" variant="secondary" onClick={() => actions.retry.mutate(m.id)} disabled={actions.retry.isPending} data-testid="message-retry">
                <RotateCwIcon aria-hidden />
                {t('retry')}
              </Button>
            )}
          </div>
        )}
        <p className="mt-0.5 flex items-center justify-end gap-2 text-[10px] opacity-70">
          {out && <StatusMark status={m.status} />}
          <span>{fmt.dateTime(m.created_at)}</span>
        </p>
        {draft && canWrite && !editing && (
          <div className="mt-2 flex flex-wrap gap-1.5" data-testid="draft-actions">
            <Button size="sm" disabled={busy} onClick={() => actions.approve.mutate({ messageId: m.id })} data-testid="draft-approve">
              <CheckIcon aria-hidden />
              {t('approve')}
            </Button>
            <Button size="sm" variant="outline" disabled={busy} onClick={() => setEditing(true)} data-testid="draft-edit">
              <PencilIcon aria-hidden />
              {t('edit')}
            </Button>
            <Button size="sm" variant="ghost" disabled={busy} onClick={() => actions.reject.mutate(m.id)} data-testid="draft-reject">
              <XIcon aria-hidden />
              {t('reject')}
            </Button>
          </div>
        )}
        {m.role === 'agent' && m.turn && (
          <details className="mt-1 text-xs" data-testid="message-why">
            <summary className="cursor-pointer opacity-80">{tw('show')}</summary>
            <WhyThisAnswer message={m} className="mt-1" />
          </details>
        )}
      </div>
    </li>
  );
}
