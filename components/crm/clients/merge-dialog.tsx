'use client';
// Merge another client into this one: pick it, see side by side what this card keeps and what moves over, confirm.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ArrowLeftIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/sonner';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { api, apiGet } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { clientKeys, type Client, type ClientListItem } from './types';
import { ChannelIcon, ClientAvatar, formatPhone } from './display';
import { ClientPicker } from './client-picker';

function Side({ client, title, moving }: { client: Client; title: string; moving: boolean }) {
  const t = useTranslations('clients.merge');
  return (
    <section className="min-w-0 space-y-2 rounded-lg border p-3" data-testid={moving ? 'merge-side-other' : 'merge-side-survivor'}>
      <h3 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">{title}</h3>
      <div className="flex items-center gap-2">
        <ClientAvatar name={client.name} className="size-8" />
        <div className="min-w-0">
          <p className="truncate font-medium">{client.name}</p>
          <p className="truncate text-xs text-muted-foreground">{formatPhone(client.phone) || client.email || '—'}</p>
        </div>
      </div>
      <ul className="space-y-1 text-sm">
        <li className="flex flex-wrap items-center gap-1.5">
          <span className="text-muted-foreground">{t('channels')}:</span>
          {client.channels.length === 0 && '—'}
          {client.channels.map((c) => (
            <span key={c.id} className="inline-flex items-center gap-1">
              <ChannelIcon type={c.channel_type} />
              <span className="max-w-32 truncate">{c.username ?? c.external_id}</span>
            </span>
          ))}
        </li>
        <li>
          <span className="text-muted-foreground">{t('dialogs')}:</span> {client.metrics.total_dialogs}
        </li>
        <li>
          <span className="text-muted-foreground">{t('facts')}:</span> {client.facts.length}
        </li>
        <li>
          <span className="text-muted-foreground">{t('notes')}:</span> {client.notes.length}
        </li>
      </ul>
    </section>
  );
}

export function MergeDialog({ client, open, onOpenChange }: { client: Client; open: boolean; onOpenChange: (o: boolean) => void }) {
  const t = useTranslations('clients.merge');
  const qc = useQueryClient();
  const errorToast = useErrorToast();
  const [picked, setPicked] = useState<ClientListItem | null>(null);
  const other = useQuery({
    queryKey: clientKeys.card(picked?.id ?? 'none'),
    queryFn: ({ signal }) => apiGet<{ client: Client }>(`/api/clients/${picked!.id}`, signal).then((r) => r.client),
    enabled: !!picked,
  });
  const merge = useMutation({
    mutationFn: () => api<{ client: Client }>('POST', `/api/clients/${client.id}/merge`, { merge_client_id: picked!.id }),
    onSuccess: ({ client: survivor }) => {
      toast.success(t('done', { name: picked!.name }));
      qc.setQueryData(clientKeys.card(client.id), survivor);
      qc.removeQueries({ queryKey: clientKeys.card(picked!.id) });
      void qc.invalidateQueries({ queryKey: clientKeys.card(client.id) });
      void qc.invalidateQueries({ queryKey: clientKeys.events(client.id) });
      void qc.invalidateQueries({ queryKey: ['clients', 'list'] });
      setPicked(null);
      onOpenChange(false);
    },
    onError: errorToast,
  });
  return (
    <Dialog open={open} onOpenChange={(o) => !merge.isPending && onOpenChange(o)}>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-2xl" data-testid="merge-dialog">
        <DialogHeader>
          <DialogTitle>{t('title')}</DialogTitle>
          <DialogDescription>{t('description', { name: client.name })}</DialogDescription>
        </DialogHeader>
        {!picked && <ClientPicker excludeId={client.id} selected={picked} onSelect={setPicked} testId="merge-picker" />}
        {picked && (
          <div className="space-y-3">
            <div className="grid gap-3 sm:grid-cols-2">
              <Side client={client} title={t('keeps')} moving={false} />
              {other.data ? <Side client={other.data} title={t('moves')} moving /> : <Skeleton className="h-40 w-full" />}
            </div>
            <p className="text-sm text-muted-foreground">{t('explain', { name: picked.name })}</p>
            <div className="flex flex-wrap justify-end gap-2">
              <Button variant="outline" onClick={() => setPicked(null)} disabled={merge.isPending} data-testid="merge-change">
                <ArrowLeftIcon aria-hidden />
                {t('change')}
              </Button>
              <Button onClick={() => merge.mutate()} disabled={merge.isPending || !other.data} data-testid="merge-confirm">
                {merge.isPending && <Spinner aria-hidden />}
                {t('confirm')}
              </Button>
            </div>
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}
