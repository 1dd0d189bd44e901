'use client';
// The workspace's synonyms: the customer's term → the knowledge base's words; add, edit, delete.
import { useTranslations } from 'next-intl';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowRightIcon, PencilIcon, PlusIcon, Trash2Icon, WholeWordIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState } from '@/components/ui/empty-state';
import { toast } from '@/components/ui/sonner';
import { api, apiGet } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { qualityKeys, type Synonym } from './types';
import type { SynonymDraft } from './synonym-dialog';

export function SynonymsEditor({ canWrite, onEdit }: { canWrite: boolean; onEdit: (d: SynonymDraft) => void }) {
  const t = useTranslations('kbQuality.synonyms');
  const qc = useQueryClient();
  const showError = useErrorToast();
  const { data, isPending } = useQuery({
    queryKey: qualityKeys.synonyms(),
    queryFn: ({ signal }) => apiGet<{ data: Synonym[] }>('/api/kb/synonyms', signal).then((r) => r.data),
  });

  const remove = async (s: Synonym) => {
    try {
      await api('DELETE', `/api/kb/synonyms/${s.id}`);
      void qc.invalidateQueries({ queryKey: qualityKeys.synonyms() });
      toast.success(t('deleted', { term: s.term }));
    } catch (err) {
      showError(err);
    }
  };

  return (
    <section className="space-y-3" aria-labelledby="kbq-synonyms-heading" data-testid="kbq-synonyms">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-1">
          <h2 id="kbq-synonyms-heading" className="text-lg font-semibold tracking-tight">
            {t('title')}
          </h2>
          <p className="text-sm text-muted-foreground">{t('description')}</p>
        </div>
        {canWrite && (
          <Button variant="outline" onClick={() => onEdit({ term: '', synonyms: [] })} data-testid="kbq-synonym-add">
            <PlusIcon aria-hidden />
            {t('add')}
          </Button>
        )}
      </div>
      {isPending && <Skeleton className="h-16 w-full rounded-xl" />}
      {data && data.length === 0 && <EmptyState icon={<WholeWordIcon />} title={t('empty')} description={t('emptyHint')} data-testid="kbq-synonyms-empty" />}
      {data && data.length > 0 && (
        <ul className="divide-y rounded-xl border bg-card">
          {data.map((s) => (
            <li key={s.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center" data-testid="kbq-synonym-row">
              <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
                <span className="font-medium" data-testid="kbq-synonym-row-term">
                  {s.term}
                </span>
                <ArrowRightIcon className="size-4 shrink-0 text-muted-foreground" aria-label={t('means')} />
                {s.synonyms.map((w) => (
                  <Badge key={w} variant="secondary">
                    {w}
                  </Badge>
                ))}
              </div>
              {canWrite && (
                <div className="flex shrink-0 gap-1">
                  <Button variant="ghost" size="icon" aria-label={t('edit', { term: s.term })} onClick={() => onEdit(s)}>
                    <PencilIcon aria-hidden />
                  </Button>
                  <Button variant="ghost" size="icon" aria-label={t('delete', { term: s.term })} onClick={() => void remove(s)} data-testid="kbq-synonym-delete">
                    <Trash2Icon aria-hidden />
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
