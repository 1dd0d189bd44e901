'use client';
// CSV import of price rows: choose a file (or paste), map its columns, see a dry run (rows that
// would fail), then import all or nothing.
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { DialogFooter } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { ApiError, api } from '@/components/agents/api-client';
import { FormDialog, stickyFooterClass } from '@/components/agents/form-dialog';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { crmKeys } from './types';

const TARGETS = ['category', 'device_pattern', 'service_name', 'price_from', 'price_to', 'currency', 'duration_minutes', 'vertical_code', 'skip'] as const;

interface Columns {
  columns: string[];
  sample_rows: string[][] | Record<string, string>[];
  suggested_mapping: Record<string, string>;
}
interface Preview {
  rows: number;
  create?: number;
  update?: number;
  failed: { row: number; field: string; code: string; message: string }[];
}

export function PriceImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations('crmSetup.import');
  const qc = useQueryClient();
  const showError = useErrorToast();
  const [csv, setCsv] = useState('');
  const [cols, setCols] = useState<Columns | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setCsv('');
    setCols(null);
    setMapping({});
    setPreview(null);
  }, [open]);

  const run = async <T,>(fn: () => Promise<T>) => {
    setBusy(true);
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'import_failed' && Array.isArray(err.details?.failed)) {
        setPreview((p) => ({ rows: p?.rows ?? 0, ...p, failed: err.details?.failed as Preview['failed'] }));
      }
      showError(err);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const readColumns = () =>
    run(async () => {
      const res = await api<Columns>('POST', '/api/price-list/import', { csv });
      setCols(res);
      setMapping(Object.fromEntries(res.columns.map((c) => [c, res.suggested_mapping[c] ?? 'skip'])));
      setPreview(null);
    });

  const dryRun = () =>
    run(async () => setPreview(await api<Preview>('POST', '/api/price-list/import', { csv, mapping, mode: 'preview' })));

  const commit = () =>
    run(async () => {
      const res = await api<Preview>('POST', '/api/price-list/import', { csv, mapping, mode: 'commit' });
      toast.success(t('done', { n: (res.create ?? 0) + (res.update ?? 0) }));
      await qc.invalidateQueries({ queryKey: crmKeys.priceList() });
      onClose();
    });

  return (
    <FormDialog open={open} onClose={onClose} dirty={!!csv} busy={busy} title={t('title')} description={t('description')} className="sm:max-w-2xl" testId="price-import-dialog">
      <div className="space-y-4">
        {!cols ? (
          <>
            <div className="space-y-1.5">
              <Label htmlFor="price-import-file">{t('file')}</Label>
              <input
                id="price-import-file"
                type="file"
                accept=".csv,text/csv"
                className="block w-full text-sm file:mr-3 file:rounded-md file:border file:bg-background file:px-3 file:py-1.5 file:text-sm"
                onChange={async (e) => {
                  const f = e.target.files?.[0];
                  if (f) setCsv(await f.text());
                }}
                data-testid="price-import-file"
              />
            </div>
            <div className="space-y-1.5">
              <Label htmlFor="price-import-text">{t('paste')}</Label>
              <Textarea id="price-import-text" value={csv} onChange={(e) => setCsv(e.target.value)} rows={6} className="font-mono text-xs" data-testid="price-import-text" />
            </div>
          </>
        ) : (
          <div className="space-y-2">
            <p className="text-sm font-medium">{t('mapping')}</p>
            <ul className="space-y-2">
              {cols.columns.map((c, i) => (
                <li key={c} className="flex flex-col gap-1 sm:flex-row sm:items-center sm:justify-between">
                  <span className="min-w-0 truncate text-sm">
                    <span className="font-medium">{c}</span>
                    <span className="text-muted-foreground"> — {sampleOf(cols.sample_rows, c, i)}</span>
                  </span>
                  <Select value={mapping[c] ?? 'skip'} onValueChange={(v) => (setMapping((m) => ({ ...m, [c]: v })), setPreview(null))}>
                    <SelectTrigger className="w-full sm:w-52" aria-label={t('mapColumn', { column: c })} data-testid={`price-map-${i}`}>
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {TARGETS.map((x) => (
                        <SelectItem key={x} value={x}>
                          {t(`targets.${x}`)}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                </li>
              ))}
            </ul>
          </div>
        )}
        {preview && (
          <div className="rounded-md border p-3 text-sm" data-testid="price-import-preview" aria-live="polite">
            <p>{t('previewCounts', { rows: preview.rows, create: preview.create ?? 0, update: preview.update ?? 0 })}</p>
            {preview.failed.length > 0 && (
              <ul className="mt-2 max-h-40 space-y-1 overflow-y-auto text-destructive">
                {preview.failed.map((f, i) => (
                  <li key={i}>{t('failedRow', { row: f.row, field: f.field, message: f.message })}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <DialogFooter className={stickyFooterClass}>
          <Button type="button" variant="outline" onClick={onClose} disabled={busy}>
            {t('cancel')}
          </Button>
          {!cols ? (
            <Button onClick={readColumns} disabled={busy || !csv.trim()} data-testid="price-import-next">
              {busy && <Spinner aria-hidden />}
              {t('next')}
            </Button>
          ) : !preview || preview.failed.length ? (
            <Button onClick={dryRun} disabled={busy} data-testid="price-import-preview-run">
              {busy && <Spinner aria-hidden />}
              {t('preview')}
            </Button>
          ) : (
            <Button onClick={commit} disabled={busy} data-testid="price-import-commit">
              {busy && <Spinner aria-hidden />}
              {t('commit', { n: (preview.create ?? 0) + (preview.update ?? 0) })}
            </Button>
          )}
        </DialogFooter>
      </div>
    </FormDialog>
  );
}

function sampleOf(rows: Columns['sample_rows'], column: string, index: number): string {
  const first = rows[0];
  if (!first) return '';
  const v = Array.isArray(first) ? first[index] : first[column];
  return v == null ? '' : String(v).slice(0, 40);
}
