'use client';
// AI reply suggestions for the operator (seed 004), beside the inbox thread: pending cards with
// the type, the text and how sure the AI is; "Send" applies a reply (it goes out as the
// operator's message), "Edit" hands the text to the reply box (onEdit), a price goes into the
// dialog's context; "Dismiss" asks why (optional). "Suggest" generates new ones; the list follows
// suggestion:new / suggestion:updated live.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import {
  CalendarClockIcon,
  CheckIcon,
  ChevronDownIcon,
  MessageSquareTextIcon,
  PencilIcon,
  SendIcon,
  SparklesIcon,
  TagIcon,
  XIcon,
} from 'lucide-react';
import { ApiError, api } from '@/components/agents/api-client';
import { useErrorText } from '@/components/agents/use-api-errors';
import { useLiveEvent } from '@/components/realtime/use-live-event';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { cn } from '@/lib/utils/cn';
import type { Suggestion } from '@/lib/suggestions/schemas';

export interface SuggestionsPanelProps {
  conversationId: string;
  canWrite: boolean;
  /** "Edit": the suggestion's text goes into the reply box instead of being sent. */
  onEdit?: (text: string) => void;
  /** After a suggestion was applied (a reply sent or the context changed). */
  onApplied?: (result: ApplyResult['result']) => void;
  className?: string;
}

interface ApplyResult {
  applied: true;
  result: { message_sent: boolean; message_id: string | null; context_updated?: boolean };
}

export const suggestionKeys = { list: (conversationId: string) => ['suggestions', conversationId] as const };

const TYPE_ICON = {
  quick_reply: MessageSquareTextIcon,
  price_suggestion: TagIcon,
  schedule_slot: CalendarClockIcon,
} as const;

function useSuggestionErrors() {
  const t = useTranslations('suggestions');
  const errorText = useErrorText();
  return (err: unknown) => {
    if (err instanceof ApiError) {
      if (err.code === 'nothing_to_answer') return toast.info(t('nothingToAnswer'));
      if (err.code === 'quota_exceeded') return toast.error(t('quotaExceeded'));
      if (err.code === 'not_pending') return toast.warning(t('notPending'));
      if (err.code.startsWith('provider_')) return toast.error(t('providerFailed'));
    }
    return toast.error(errorText(err));
  };
}

export function SuggestionsPanel({ conversationId, canWrite, onEdit, onApplied, className }: SuggestionsPanelProps) {
  const t = useTranslations('suggestions');
  const qc = useQueryClient();
  const key = suggestionKeys.list(conversationId);
  const onError = useSuggestionErrors();
  const [showHistory, setShowHistory] = useState(false);

  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api<{ data: Suggestion[] }>('GET', `/api/conversations/${conversationId}/suggestions`, undefined, signal),
  });
  useLiveEvent(['suggestion:new', 'suggestion:updated'], (e) => {
    if (e.conversation_id === conversationId) void qc.invalidateQueries({ queryKey: key });
  });

  const generate = useMutation({
    mutationFn: () => api<{ data: Suggestion[] }>('POST', `/api/conversations/${conversationId}/suggestions`),
    onSuccess: (r) => {
      if (r.data.length) toast.success(t('generated', { count: r.data.length }));
      else toast.info(t('nothingFound'));
    },
    onError,
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });

  const all = query.data?.data ?? [];
  const pending = all.filter((s) => s.status === 'pending');
  const past = all.filter((s) => s.status !== 'pending');

  return (
    <section
      data-testid="suggestions-panel"
      aria-label={t('title')}
      className={cn('flex flex-col gap-3 rounded-xl border bg-card p-3 text-card-foreground', className)}
    >
      <header className="flex items-center justify-between gap-2">
        <h3 className="flex items-center gap-2 text-sm font-semibold">
          <SparklesIcon className="size-4 text-primary" aria-hidden />
          {t('title')}
        </h3>
        {canWrite && (
          <Button
            type="button"
            size="sm"
            variant="outline"
            data-testid="suggest-button"
            disabled={generate.isPending}
            onClick={() => generate.mutate()}
          >
            {generate.isPending ? <Spinner className="size-3.5" /> : <SparklesIcon aria-hidden />}
            {generate.isPending ? t('suggesting') : t('suggest')}
          </Button>
        )}
      </header>

      {query.isPending ? (
        <div className="flex justify-center py-4">
          <Spinner />
        </div>
      ) : query.isError ? (
        <div className="flex items-center justify-between gap-2 text-sm text-muted-foreground">
          <span>{t('loadFailed')}</span>
          <Button type="button" size="sm" variant="ghost" onClick={() => query.refetch()}>
            {t('retry')}
          </Button>
        </div>
      ) : pending.length === 0 ? (
        <p data-testid="suggestions-empty" className="text-sm text-muted-foreground">
          {canWrite ? t('empty') : t('readOnly')}
        </p>
      ) : (
        <ul className="flex flex-col gap-2">
          {pending.map((s) => (
            <li key={s.id}>
              <SuggestionCard suggestion={s} conversationId={conversationId} canWrite={canWrite} onEdit={onEdit} onApplied={onApplied} />
            </li>
          ))}
        </ul>
      )}

      {past.length > 0 && (
        <div className="border-t pt-2">
          <button
            type="button"
            className="flex w-full items-center justify-between text-xs text-muted-foreground hover:text-foreground"
            aria-expanded={showHistory}
            onClick={() => setShowHistory((v) => !v)}
          >
            {t('history', { count: past.length })}
            <ChevronDownIcon className={cn('size-3.5 transition-transform', showHistory && 'rotate-180')} aria-hidden />
          </button>
          {showHistory && (
            <ul className="mt-2 flex flex-col gap-1.5" data-testid="suggestions-history">
              {past.map((s) => (
                <li key={s.id} className="flex items-start gap-2 text-xs text-muted-foreground">
                  <Badge variant="outline" className="shrink-0">
                    {t(`status.${s.status}`)}
                  </Badge>
                  <span className="line-clamp-2 break-words">{s.content}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

function SuggestionCard({
  suggestion: s,
  conversationId,
  canWrite,
  onEdit,
  onApplied,
}: {
  suggestion: Suggestion;
  conversationId: string;
  canWrite: boolean;
  onEdit?: (text: string) => void;
  onApplied?: (result: ApplyResult['result']) => void;
}) {
  const t = useTranslations('suggestions');
  const qc = useQueryClient();
  const onError = useSuggestionErrors();
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const base = `/api/conversations/${conversationId}/suggestions/${s.id}`;
  const refresh = () => qc.invalidateQueries({ queryKey: suggestionKeys.list(conversationId) });

  const apply = useMutation({
    mutationFn: () => api<ApplyResult>('POST', `${base}/apply`),
    onSuccess: (r) => {
      toast.success(r.result.message_sent ? t('sent') : t('contextUpdated'));
      onApplied?.(r.result);
    },
    onError,
    onSettled: refresh,
  });
  const dismiss = useMutation({
    mutationFn: () => api('POST', `${base}/dismiss`, reason.trim() ? { reason: reason.trim() } : {}),
    onSuccess: () => {
      setDismissing(false);
      toast.success(t('dismissed'));
    },
    onError,
    onSettled: refresh,
  });

  const Icon = TYPE_ICON[s.type] ?? SparklesIcon;
  const percent = Math.round(s.confidence * 100);
  const busy = apply.isPending || dismiss.isPending;
  const fromKb = s.type === 'quick_reply' && s.payload?.mode === 'kb_only';

  return (
    <article data-testid="suggestion-card" data-type={s.type} className="rounded-lg border bg-background p-2.5 shadow-xs">
      <div className="mb-1.5 flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        <Icon className="size-3.5 text-primary" aria-hidden />
        <span className="font-medium text-foreground">{t(`type.${s.type}`)}</span>
        <Badge
          variant={percent >= 80 ? 'success' : percent >= 50 ? 'secondary' : 'warning'}
          className="ms-auto"
          title={t('confidence', { value: percent })}
          data-testid="suggestion-confidence"
        >
          {percent}%
        </Badge>
      </div>
      <p className="whitespace-pre-wrap break-words text-sm" data-testid="suggestion-content">
        {s.content}
      </p>
      {fromKb && <p className="mt-1 text-xs text-muted-foreground">{t('fromKnowledge')}</p>}

      {canWrite && !dismissing && (
        <div className="mt-2 flex flex-wrap gap-1.5">
          <Button type="button" size="sm" data-testid="suggestion-apply" disabled={busy} onClick={() => apply.mutate()}>
            {apply.isPending ? <Spinner className="size-3.5" /> : s.action === 'send_message' ? <SendIcon aria-hidden /> : <CheckIcon aria-hidden />}
            {s.action === 'send_message' ? t('send') : t('applyContext')}
          </Button>
          {s.action === 'send_message' && onEdit && (
            <Button type="button" size="sm" variant="outline" data-testid="suggestion-edit" disabled={busy} onClick={() => onEdit(s.content)}>
              <PencilIcon aria-hidden />
              {t('edit')}
            </Button>
          )}
          <Button type="button" size="sm" variant="ghost" data-testid="suggestion-dismiss" disabled={busy} onClick={() => setDismissing(true)}>
            <XIcon aria-hidden />
            {t('dismiss')}
          </Button>
        </div>
      )}

      {canWrite && dismissing && (
        <form
          className="mt-2 flex flex-col gap-1.5 sm:flex-row"
          onSubmit={(e) => {
            e.preventDefault();
            dismiss.mutate();
          }}
        >
          <Input
            data-testid="dismiss-reason"
            value={reason}
            maxLength={500}
            placeholder={t('dismissReason')}
            aria-label={t('dismissReason')}
            onChange={(e) => setReason(e.target.value)}
            className="h-8 text-sm"
            autoFocus
          />
          <div className="flex gap-1.5">
            <Button type="submit" size="sm" variant="destructive" data-testid="dismiss-confirm" disabled={busy}>
              {dismiss.isPending && <Spinner className="size-3.5" />}
              {t('dismissConfirm')}
            </Button>
            <Button type="button" size="sm" variant="ghost" disabled={busy} onClick={() => setDismissing(false)}>
              {t('cancel')}
            </Button>
          </div>
        </form>
      )}
    </article>
  );
}
