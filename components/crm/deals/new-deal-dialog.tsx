'use client';
// "New deal": pick a client by search or create one inline (name + phone), then title,
// pipeline/stage, price and tags → POST /api/conversations.
import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { CheckIcon, PlusIcon, UserPlusIcon } from 'lucide-react';
import { ApiError, api, apiGet, query } from '@/components/agents/api-client';
import { useDebouncedValue } from '@/components/agents/use-debounced-value';
import { useErrorText } from '@/components/agents/use-api-errors';
import { TagInput } from '@/components/agents/tag-input';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { toast } from '@/components/ui/sonner';
import { cn } from '@/lib/utils/cn';
import { formatPhone } from './format';
import type { ClientOption, DealFull, Pipeline } from './types';

export function NewDealDialog({
  open,
  onOpenChange,
  pipelines,
  pipelineId,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  pipelines: Pipeline[];
  pipelineId: string | undefined;
  onCreated: (deal: DealFull) => void;
}) {
  const t = useTranslations('deals.create');
  const tc = useTranslations('deals');
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [search, setSearch] = useState('');
  const [client, setClient] = useState<ClientOption | null>(null);
  const [inline, setInline] = useState(false);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [title, setTitle] = useState('');
  const [pipeline, setPipeline] = useState(pipelineId ?? '');
  const [stage, setStage] = useState('');
  const [price, setPrice] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const q = useDebouncedValue(search.trim(), 250);
  const clients = useQuery({
    queryKey: ['crm-deals', 'client-search', q],
    enabled: open && !inline,
    queryFn: ({ signal }) => apiGet<{ data: ClientOption[] }>(`/api/clients${query({ search: q, limit: 8 })}`, signal).then((r) => r.data),
  });
  const stages = pipelines.find((p) => p.id === (pipeline || pipelineId))?.stages ?? [];

  const reset = () => {
    setSearch('');
    setClient(null);
    setInline(false);
    setName('');
    setPhone('');
    setTitle('');
    setStage('');
    setPrice('');
    setTags([]);
    setProblem(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    if (!client && !(inline && name.trim())) {
      setProblem(t('needClient'));
      return;
    }
    setBusy(true);
    try {
      let clientId = client?.id;
      if (!clientId) {
        try {
          const r = await api<{ client: { id: string } }>('POST', '/api/clients', { name: name.trim(), phone: phone.trim() || undefined });
          clientId = r.client.id;
        } catch (err) {
          // The phone belongs to a client already: the deal goes to that client.
          const existing = err instanceof ApiError && err.code === 'client_exists' ? err.details?.client_id : undefined;
          if (typeof existing !== 'string') throw err;
          clientId = existing;
          toast.info(t('usedExisting'));
        }
      }
      const r = await api<{ conversation: DealFull }>('POST', '/api/conversations', {
        client_id: clientId,
        title: title.trim() || undefined,
        pipeline_id: pipeline || pipelineId || undefined,
        stage_id: stage || undefined,
        price: price === '' ? undefined : Number(price),
        tags: tags.length ? tags : undefined,
      });
      void qc.invalidateQueries({ queryKey: ['crm-deals'] });
      toast.success(t('created'));
      reset();
      onOpenChange(false);
      onCreated(r.conversation);
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={(o) => (o ? onOpenChange(o) : (reset(), onOpenChange(o)))}>
      <DialogContent closeLabel={tc('close')} data-testid="new-deal-dialog">
        <DialogHeader>
          <DialogTitle>{t('title')}</DialogTitle>
          <DialogDescription>{t('description')}</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="space-y-4">
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">{t('client')}</legend>
            {inline ? (
              <div className="grid gap-2 sm:grid-cols-2">
                <Input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('clientName')} aria-label={t('clientName')} data-testid="new-deal-client-name" />
                <Input value={phone} onChange={(e) => setPhone(e.target.value)} placeholder={t('clientPhone')} aria-label={t('clientPhone')} inputMode="tel" data-testid="new-deal-client-phone" />
              </div>
            ) : (
              <>
                <Input value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('searchClient')} aria-label={t('searchClient')} data-testid="new-deal-client-search" />
                <ul className="max-h-40 space-y-1 overflow-y-auto" role="listbox" aria-label={t('client')}>
                  {(clients.data ?? []).map((c) => (
                    <li key={c.id}>
                      <button
                        type="button"
                        role="option"
                        aria-selected={client?.id === c.id}
                        onClick={() => setClient(c)}
                        className={cn(
                          'flex w-full items-center justify-between gap-2 rounded-md border px-2 py-1.5 text-left text-sm hover:bg-muted',
                          client?.id === c.id && 'border-primary bg-primary/5',
                        )}
                        data-testid="new-deal-client-option"
                      >
                        <span className="truncate">{c.name}</span>
                        <span className="flex shrink-0 items-center gap-1 text-xs text-muted-foreground">
                          {formatPhone(c.phone)}
                          {client?.id === c.id && <CheckIcon className="size-3.5 text-primary" aria-hidden />}
                        </span>
                      </button>
                    </li>
                  ))}
                  {clients.data?.length === 0 && <li className="px-1 text-xs text-muted-foreground">{t('noClients')}</li>}
                </ul>
              </>
            )}
            <Button type="button" variant="link" size="sm" className="h-auto px-0" onClick={() => (setInline((v) => !v), setClient(null))} data-testid="new-deal-inline-toggle">
              {inline ? null : <UserPlusIcon aria-hidden />}
              {inline ? t('pickExisting') : t('createClient')}
            </Button>
          </fieldset>
          <div className="space-y-1">
            <Label htmlFor="new-deal-title">{t('dealTitle')}</Label>
            <Input id="new-deal-title" value={title} onChange={(e) => setTitle(e.target.value)} data-testid="new-deal-title" />
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <div className="space-y-1">
              <Label htmlFor="new-deal-pipeline">{t('pipeline')}</Label>
              <Select value={pipeline || pipelineId || ''} onValueChange={(v) => (setPipeline(v), setStage(''))}>
                <SelectTrigger id="new-deal-pipeline" className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {pipelines.map((p) => (
                    <SelectItem key={p.id} value={p.id}>
                      {p.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
            <div className="space-y-1">
              <Label htmlFor="new-deal-stage">{t('stage')}</Label>
              <Select value={stage || stages[0]?.id || ''} onValueChange={setStage}>
                <SelectTrigger id="new-deal-stage" className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {stages.map((s) => (
                    <SelectItem key={s.id} value={s.id}>
                      {s.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
          </div>
          <div className="space-y-1">
            <Label htmlFor="new-deal-price">{t('price')}</Label>
            <Input id="new-deal-price" type="number" min={0} step="any" value={price} onChange={(e) => setPrice(e.target.value)} data-testid="new-deal-price" />
          </div>
          <div className="space-y-1">
            <Label htmlFor="new-deal-tags">{t('tags')}</Label>
            <TagInput id="new-deal-tags" value={tags} onChange={setTags} placeholder={t('tagsHint')} />
          </div>
          {problem && (
            <p role="alert" className="text-sm text-destructive">
              {problem}
            </p>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => (reset(), onOpenChange(false))}>
              {tc('cancel')}
            </Button>
            <Button type="submit" disabled={busy} data-testid="new-deal-submit">
              <PlusIcon aria-hidden />
              {t('submit')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
