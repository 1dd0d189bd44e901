'use client';
// The price list: search, vertical filter, a device test box (which prices match a model?),
// rows added and edited in a dialog, CSV import and export; the verticals below it.
import { useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DownloadIcon, PencilIcon, PlusIcon, SearchIcon, Trash2Icon, UploadIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { toast } from '@/components/ui/sonner';
import { ViewerNote } from '@/components/agents/viewer-note';
import { ConfirmDelete } from '@/components/agents/confirm-delete';
import { api, apiGet, query } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { useDebouncedValue } from '@/components/agents/use-debounced-value';
import { SetupHeader } from './setup-tabs';
import { useVerticals } from './use-crm-setup';
import { PriceItemDialog } from './price-item-dialog';
import { PriceImportDialog } from './price-import-dialog';
import { VerticalsSection } from './verticals-section';
import { downloadFile } from './download';
import { crmKeys, type PriceItem } from './types';

const ALL = '__all';

export function PriceListSettings({ canWrite, canAdmin }: { canWrite: boolean; canAdmin: boolean }) {
  const t = useTranslations('crmSetup.priceList');
  const qc = useQueryClient();
  const showError = useErrorToast();
  const verticals = useVerticals();
  const [search, setSearch] = useState('');
  const [vertical, setVertical] = useState(ALL);
  const [editing, setEditing] = useState<PriceItem | 'new' | null>(null);
  const [deleting, setDeleting] = useState<PriceItem | null>(null);
  const [importing, setImporting] = useState(false);
  const [busy, setBusy] = useState(false);
  const q = { search: useDebouncedValue(search.trim(), 250), vertical: vertical === ALL ? '' : vertical };
  const items = useQuery({
    queryKey: crmKeys.priceList(q),
    queryFn: ({ signal }) => apiGet<{ data: PriceItem[] }>(`/api/price-list${query(q)}`, signal).then((r) => r.data),
  });

  const remove = async () => {
    if (!deleting) return;
    setBusy(true);
    try {
      await api('DELETE', `/api/price-list/${deleting.id}`);
      toast.success(t('deleted'));
      await qc.invalidateQueries({ queryKey: crmKeys.priceList() });
      setDeleting(null);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const exportCsv = () => downloadFile(`/api/price-list/export${query({ vertical: q.vertical })}`, 'price-list.csv').catch(showError);

  return (
    <div className="space-y-6" data-testid="crm-price-list-page">
      <SetupHeader
        active="price-list"
        actions={
          <>
            <Button variant="outline" onClick={exportCsv} data-testid="price-export">
              <DownloadIcon aria-hidden />
              {t('export')}
            </Button>
            {canWrite && (
              <Button variant="outline" onClick={() => setImporting(true)} data-testid="price-import">
                <UploadIcon aria-hidden />
                {t('import')}
              </Button>
            )}
            {canWrite && (
              <Button onClick={() => setEditing('new')} data-testid="price-add">
                <PlusIcon aria-hidden />
                {t('add')}
              </Button>
            )}
          </>
        }
      />
      {!canWrite && <ViewerNote />}
      <DeviceTester />
      <div className="flex flex-col gap-3 sm:flex-row">
        <div className="relative flex-1">
          <SearchIcon className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-muted-foreground" aria-hidden />
          <Input
            className="pl-8"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t('search')}
            aria-label={t('search')}
            data-testid="price-search"
          />
        </div>
        <Select value={vertical} onValueChange={setVertical}>
          <SelectTrigger className="w-full sm:w-56" aria-label={t('vertical')} data-testid="price-vertical-filter">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t('allVerticals')}</SelectItem>
            {(verticals.data ?? []).map((v) => (
              <SelectItem key={v.code} value={v.code}>
                {v.name}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      {items.isPending ? (
        <Skeleton className="h-40" />
      ) : (
        <PriceTable
          items={items.data ?? []}
          canWrite={canWrite}
          onEdit={setEditing}
          onDelete={setDeleting}
          emptyText={q.search || q.vertical ? t('nothingFound') : t('empty')}
        />
      )}
      <VerticalsSection canWrite={canWrite} canAdmin={canAdmin} />
      <PriceItemDialog item={editing === 'new' ? null : editing} open={!!editing} onClose={() => setEditing(null)} verticals={verticals.data ?? []} />
      <PriceImportDialog open={importing} onClose={() => setImporting(false)} />
      <ConfirmDelete
        open={!!deleting}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t('deleteTitle', { name: deleting?.service_name ?? '' })}
        pending={busy}
        onConfirm={remove}
      />
    </div>
  );
}

export function usePriceText() {
  const locale = useLocale();
  const t = useTranslations('crmSetup.priceList');
  return (item: PriceItem) => {
    const fmt = new Intl.NumberFormat(locale, item.currency ? { style: 'currency', currency: item.currency, maximumFractionDigits: 0 } : { maximumFractionDigits: 2 });
    return item.price_to != null && item.price_to !== item.price_from
      ? t('range', { from: fmt.format(item.price_from), to: fmt.format(item.price_to) })
      : fmt.format(item.price_from);
  };
}

function PriceTable({
  items,
  canWrite,
  onEdit,
  onDelete,
  emptyText,
}: {
  items: PriceItem[];
  canWrite: boolean;
  onEdit: (i: PriceItem) => void;
  onDelete: (i: PriceItem) => void;
  emptyText: string;
}) {
  const t = useTranslations('crmSetup.priceList');
  const price = usePriceText();
  if (!items.length) return <p className="rounded-xl border border-dashed p-6 text-center text-sm text-muted-foreground">{emptyText}</p>;
  return (
    <div className="overflow-x-auto rounded-xl border">
      <Table data-testid="price-table">
        <TableHeader>
          <TableRow>
            <TableHead>{t('category')}</TableHead>
            <TableHead>{t('devicePattern')}</TableHead>
            <TableHead>{t('serviceName')}</TableHead>
            <TableHead className="text-right">{t('price')}</TableHead>
            <TableHead className="text-right">{t('duration')}</TableHead>
            {canWrite && <TableHead className="w-20"><span className="sr-only">{t('actions')}</span></TableHead>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((i) => (
            <TableRow key={i.id} data-testid="price-row" className={i.is_active ? undefined : 'opacity-60'}>
              <TableCell className="max-w-40 break-words whitespace-normal">{i.category}</TableCell>
              <TableCell className="font-mono text-xs">{i.device_pattern}</TableCell>
              <TableCell className="min-w-40 break-words whitespace-normal">{i.service_name}</TableCell>
              <TableCell className="text-right whitespace-nowrap tabular-nums">{price(i)}</TableCell>
              <TableCell className="text-right whitespace-nowrap">{i.duration_minutes != null ? t('minutes', { n: i.duration_minutes }) : '—'}</TableCell>
              {canWrite && (
                <TableCell className="whitespace-nowrap">
                  <Button variant="ghost" size="icon" onClick={() => onEdit(i)} aria-label={t('editNamed', { name: i.service_name })} data-testid="price-edit">
                    <PencilIcon aria-hidden />
                  </Button>
                  <Button variant="ghost" size="icon" onClick={() => onDelete(i)} aria-label={t('deleteNamed', { name: i.service_name })} data-testid="price-delete">
                    <Trash2Icon aria-hidden />
                  </Button>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** "Which prices match 'iPhone 14 Pro Max'?" — the same matching the agent quotes from. */
function DeviceTester() {
  const t = useTranslations('crmSetup.priceList');
  const price = usePriceText();
  const [device, setDevice] = useState('');
  const [asked, setAsked] = useState('');
  const result = useQuery({
    queryKey: crmKeys.priceList({ device: asked }),
    enabled: !!asked,
    queryFn: ({ signal }) => apiGet<{ data: PriceItem[] }>(`/api/price-list${query({ device: asked })}`, signal).then((r) => r.data),
  });
  return (
    <section className="rounded-xl border bg-muted/30 p-4" aria-labelledby="device-test" data-testid="device-test">
      <h2 id="device-test" className="text-sm font-semibold">
        {t('testTitle')}
      </h2>
      <p className="mb-3 text-xs text-muted-foreground">{t('testHint')}</p>
      <form
        className="flex flex-col gap-2 sm:flex-row"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(device.trim());
        }}
      >
        <Input value={device} onChange={(e) => setDevice(e.target.value)} placeholder="iPhone 14 Pro Max" aria-label={t('testDevice')} data-testid="device-test-input" />
        <Button type="submit" variant="secondary" disabled={!device.trim()} data-testid="device-test-submit">
          {t('testButton')}
        </Button>
      </form>
      {asked && result.data && (
        <div className="mt-3" data-testid="device-test-result" aria-live="polite">
          {result.data.length ? (
            <ul className="space-y-1 text-sm">
              {result.data.map((i) => (
                <li key={i.id} className="flex flex-wrap justify-between gap-x-4" data-testid="device-test-match">
                  <span className="min-w-0 break-words">
                    {i.service_name} <span className="font-mono text-xs text-muted-foreground">{i.device_pattern}</span>
                  </span>
                  <span className="tabular-nums">{price(i)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">{t('testNone', { device: asked })}</p>
          )}
        </div>
      )}
    </section>
  );
}
