'use client';
// Deal edits: every PATCH carries the version the page read; a 409 stale_version puts the
// server's current state into the cache (details.current) and says so.
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ApiError, api } from '@/components/agents/api-client';
import { useErrorText } from '@/components/agents/use-api-errors';
import { toast } from '@/components/ui/sonner';
import { dealKeys, type DealFull } from './types';

export type DealPatch = Partial<{
  stage_id: string;
  price: number | null;
  tags: string[];
  responsible_user_id: string | null;
  title: string | null;
  status: string;
  custom_fields: Record<string, unknown>;
}>;

/** The conversation the server holds now, from a 409 stale_version. */
export function currentOf(err: unknown): DealFull | null {
  if (!(err instanceof ApiError) || err.code !== 'stale_version') return null;
  const cur = err.details?.current;
  return cur && typeof cur === 'object' ? (cur as DealFull) : null;
}

/** After any change to a deal: its panel, the board, the lists and the timeline refetch. */
export function refreshDeal(qc: QueryClient, deal: DealFull) {
  qc.setQueryData(dealKeys.deal(deal.id), deal);
  void qc.invalidateQueries({ queryKey: ['crm-deals', 'board'] });
  void qc.invalidateQueries({ queryKey: ['crm-deals', 'list'] });
  void qc.invalidateQueries({ queryKey: dealKeys.events(deal.id) });
}

export function useDealMutation(id: string) {
  const qc = useQueryClient();
  const t = useTranslations('deals');
  const errorText = useErrorText();
  const onError = (err: unknown) => {
    const cur = currentOf(err);
    if (cur) {
      refreshDeal(qc, cur);
      toast.warning(t('panel.stale'));
    } else toast.error(errorText(err));
  };
  const patch = useMutation({
    mutationFn: (body: DealPatch) => {
      const version = qc.getQueryData<DealFull>(dealKeys.deal(id))?.version;
      return api<{ conversation: DealFull }>('PATCH', `/api/conversations/${id}`, { ...body, version });
    },
    onSuccess: (r) => refreshDeal(qc, r.conversation),
    onError,
  });
  const context = useMutation({
    mutationFn: (changes: Record<string, unknown>) => {
      const version = qc.getQueryData<DealFull>(dealKeys.deal(id))?.version;
      return api<{ conversation: DealFull }>('PATCH', `/api/conversations/${id}/context`, { ...changes, version });
    },
    onSuccess: (r) => refreshDeal(qc, r.conversation),
    onError,
  });
  return { patch, context };
}
