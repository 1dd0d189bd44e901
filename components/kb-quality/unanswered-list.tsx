'use client';
// Questions the agent could not answer from the knowledge base: how often and when they were
// asked, by which agent, in which conversation; write an article for one (the question is
// resolved with it), add a synonym, or dismiss it.
import { useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FilePlusIcon, MessageCircleQuestionIcon, MessagesSquareIcon, WholeWordIcon, XIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState } from '@/components/ui/empty-state';
import { Tabs, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { toast } from '@/components/ui/sonner';
import { api, apiGet, query } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';
import { qualityKeys, type UnansweredQuestion } from './types';
import type { SynonymDraft } from './synonym-dialog';

const STATUSES = ['open', 'resolved', 'dismissed'] as const;
type Status = (typeof STATUSES)[number];

export function UnansweredList({ canWrite, onSynonym }: { canWrite: boolean; onSynonym: (d: SynonymDraft) => void }) {
  const t = useTranslations('kbQuality.unanswered');
  const time = useTimeFormat();
  const wsHref = useWorkspaceHref();
  const qc = useQueryClient();
  const showError = useErrorToast();
  const [status, setStatus] = useState<Status>('open');
  const { data, isPending } = useQuery({
    queryKey: qualityKeys.unanswered(status),
    queryFn: ({ signal }) => apiGet<{ data: UnansweredQuestion[] }>(`/api/kb/unanswered${query({ status, limit: 100 })}`, signal).then((r) => r.data),
  });

  const dismiss = async (q: UnansweredQuestion) => {
    try {
      await api('PATCH', `/api/kb/unanswered/${q.id}`, { status: 'dismissed' });
      void qc.invalidateQueries({ queryKey: qualityKeys.all });
      toast.success(t('dismissed'));
    } catch (err) {
      showError(err);
    }
  };

  return (
    <section className="space-y-3" aria-labelledby="kbq-unanswered-heading" data-testid="kbq-unanswered">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-1">
          <h2 id="kbq-unanswered-heading" className="text-lg font-semibold tracking-tight">
            {t('title')}
          </h2>
          <p className="text-sm text-muted-foreground">{t('description')}</p>
        </div>
        <Tabs value={status} onValueChange={(v) => setStatus(v as Status)}>
          <TabsList aria-label={t('filterLabel')}>
            {STATUSES.map((s) => (
              <TabsTrigger key={s} value={s} data-testid={`kbq-filter-${s}`}>
                {t(`status.${s}`)}
              </TabsTrigger>
            ))}
          </TabsList>
        </Tabs>
      </div>
      {isPending && <Skeleton className="h-24 w-full rounded-xl" />}
      {data && data.length === 0 && (
        <EmptyState icon={<MessageCircleQuestionIcon />} title={t(`empty.${status}`)} description={t('emptyHint')} data-testid="kbq-unanswered-empty" />
      )}
      {data && data.length > 0 && (
        <ul className="divide-y rounded-xl border bg-card">
          {data.map((q) => (
            <li key={q.id} className="flex flex-col gap-3 px-4 py-3 lg:flex-row lg:items-center" data-testid="kbq-question-row">
              <div className="min-w-0 flex-1 space-y-1">
                <p className="font-medium break-words" data-testid="kbq-question-text">
                  {q.question}
                </p>
                <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
                  <Badge variant="secondary" data-testid="kbq-question-count">
                    {t('asked', { count: q.asked_count })}
                  </Badge>
                  <span>{t('lastAsked', { date: time.dateTime(q.last_asked_at) })}</span>
                  {q.agent && <span>{t('agent', { name: q.agent.name })}</span>}
                  {q.source === 'test_chat' && <span>{t('fromTestChat')}</span>}
                  {q.conversation_id && (
                    <Link className="inline-flex items-center gap-1 underline-offset-2 hover:text-foreground hover:underline" href={wsHref(`/conversations?deal=${q.conversation_id}`)}>
                      <MessagesSquareIcon className="size-3.5" aria-hidden />
                      {t('conversation')}
                    </Link>
                  )}
                  {q.resolved_article_id && (
                    <Link className="underline-offset-2 hover:text-foreground hover:underline" href={wsHref(`/knowledge-base/articles/${q.resolved_article_id}`)} data-testid="kbq-question-article">
                      {t('answeredBy')}
                    </Link>
                  )}
                </p>
              </div>
              {canWrite && q.status === 'open' && (
                <div className="flex shrink-0 flex-wrap gap-2">
                  <Button size="sm" asChild data-testid="kbq-write-article">
                    <Link href={wsHref(`/knowledge-base/articles/new?question=${q.id}`)}>
                      <FilePlusIcon aria-hidden />
                      {t('writeArticle')}
                    </Link>
                  </Button>
                  <Button size="sm" variant="outline" onClick={() => onSynonym({ term: q.question.slice(0, 100), synonyms: [] })} data-testid="kbq-add-synonym">
                    <WholeWordIcon aria-hidden />
                    {t('addSynonym')}
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => void dismiss(q)} data-testid="kbq-dismiss">
                    <XIcon aria-hidden />
                    {t('dismiss')}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
