'use client';
// CSV import in steps: file → column mapping (from the server's suggestion) → dry-run preview → import → summary.
// Nothing is stored until the last step, and the server stores all rows or none.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { CircleCheckIcon, FileSpreadsheetIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Spinner } from '@/components/ui/spinner';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { FormAlert } from '@/components/forms/form-alert';
import { api, ApiError } from '@/components/agents/api-client';
import { useErrorText } from '@/components/agents/use-api-errors';
import { issueText, type ErrorTranslator } from '@/lib/i18n/error-messages';
import { useContactFields } from './use-crm-data';

const TARGETS = ['name', 'phone', 'email', 'city', 'status', 'type', 'telegram', 'whatsapp', 'vk', 'avito', 'web_chat', 'instagram', 'note'] as const;

interface Analysis {
  columns: string[];
  sample_rows: (string[] | Record<string, string>)[];
  suggested_mapping: Record<string, string>;
}
interface FailedRow {
  row: number;
  field: string;
  code: string;
  message: string;
}
interface Preview {
  rows: number;
  create: number;
  merge: number;
  failed: FailedRow[];
  duplicates: { row: number; client_id: string; name: string; matched_by: string }[];
}

type Step = 'file' | 'mapping' | 'preview' | 'done';

function cell(row: Analysis['sample_rows'][number], columns: string[], i: number): string {
  return Array.isArray(row) ? (row[i] ?? '') : (row[columns[i]] ?? '');
}

export function ImportWizard({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations('clients.import');
  const tTargets = useTranslations('clients.import.targets');
  const tErrors = useTranslations('errors') as unknown as ErrorTranslator;
  const qc = useQueryClient();
  const fields = useContactFields();
  const errorText = useErrorText();
  const [step, setStep] = useState<Step>('file');
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState('');
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<Preview | null>(null);
  const [result, setResult] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);

  const analyse = useMutation({
    mutationFn: (text: string) => api<Analysis>('POST', '/api/clients/import', { csv: text }),
    onSuccess: (a) => {
      setAnalysis(a);
      const m: Record<string, string> = {};
      for (const c of a.columns) m[c] = a.suggested_mapping[c] ?? 'skip';
      setMapping(m);
      setStep('mapping');
    },
    onError: (e) => setError(errorText(e)),
  });
  const run = useMutation({
    mutationFn: (mode: 'preview' | 'commit') => api<Preview>('POST', '/api/clients/import', { csv, mapping, mode }),
    onSuccess: (p, mode) => {
      if (mode === 'preview') {
        setPreview(p);
        setStep('preview');
      } else {
        setResult(p);
        setStep('done');
        qc.invalidateQueries({ queryKey: ['clients'] });
      }
    },
    onError: (e) => {
      // A commit refused row by row: show those rows, nothing was stored.
      if (e instanceof ApiError && e.code === 'import_failed') {
        const failed = (e.details?.failed ?? e.details?.rows) as FailedRow[] | undefined;
        if (Array.isArray(failed) && preview) setPreview({ ...preview, failed });
      }
      setError(errorText(e));
    },
  });

  const pickFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    const text = await file.text();
    setCsv(text);
    setFileName(file.name);
    analyse.mutate(text);
  };

  const targets = [...TARGETS.map((k) => ({ value: k, label: tTargets(k) })), ...(fields.data ?? []).map((f) => ({ value: `custom:${f.code}`, label: f.name }))];
  // Catalogue text by code; the server's own words when the catalogue has nothing better than "check this field".
  const rowIssue = (f: FailedRow) => {
    const text = issueText(tErrors, { code: f.code, field: f.field, message: f.message });
    return text === tErrors('issues.invalid') && f.message ? f.message : text;
  };
  const busy = analyse.isPending || run.isPending;
  const failedCount = preview?.failed.length ?? 0;

  return (
    <Dialog open={open} onOpenChange={(o) => !o && !busy && onClose()}>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-3xl" data-testid="import-wizard">
        <DialogHeader>
          <DialogTitle>{t('title')}</DialogTitle>
          <DialogDescription>{t(`steps.${step}`)}</DialogDescription>
        </DialogHeader>
        <ol className="flex flex-wrap gap-2 text-xs" aria-label={t('stepsLabel')}>
          {(['file', 'mapping', 'preview', 'done'] as const).map((s, i) => (
            <li key={s}>
              <Badge variant={s === step ? 'default' : 'outline'}>
                {i + 1}. {t(`stepNames.${s}`)}
              </Badge>
            </li>
          ))}
        </ol>
        {error && <FormAlert testId="import-error">{error}</FormAlert>}

        {step === 'file' && (
          <label className="flex cursor-pointer flex-col items-center gap-3 rounded-xl border border-dashed px-6 py-10 text-center hover:bg-accent/40">
            <FileSpreadsheetIcon className="size-8 text-muted-foreground" aria-hidden />
            <span className="text-sm font-medium">{t('chooseFile')}</span>
            <span className="text-xs text-muted-foreground">{t('fileHint')}</span>
            {analyse.isPending && <Spinner aria-hidden />}
            <input
              type="file"
              accept=".csv,text/csv"
              className="sr-only"
              data-testid="import-file"
              onChange={(e) => {
                void pickFile(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
          </label>
        )}

        {step === 'mapping' && analysis && (
          <div className="space-y-4">
            <p className="text-sm text-muted-foreground">{t('mappingHint', { file: fileName })}</p>
            <div className="grid gap-3 sm:grid-cols-2">
              {analysis.columns.map((c) => (
                <div key={c} className="flex min-w-0 items-center gap-2">
                  <span className="w-1/2 truncate text-sm font-medium" title={c}>
                    {c}
                  </span>
                  <Select value={mapping[c] ?? 'skip'} onValueChange={(v) => setMapping((m) => ({ ...m, [c]: v }))}>
                    <SelectTrigger className="w-1/2 min-w-0" aria-label={c} data-testid={`import-map-${c}`}>
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      <SelectItem value="skip">{tTargets('skip')}</SelectItem>
                      {targets.map((o) => (
                        <SelectItem key={o.value} value={o.value}>
                          {o.label}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                </div>
              ))}
            </div>
            <div className="overflow-x-auto rounded-lg border">
              <Table>
                <TableHeader>
                  <TableRow>
                    {analysis.columns.map((c) => (
                      <TableHead key={c} className="whitespace-nowrap">
                        {c}
                      </TableHead>
                    ))}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {analysis.sample_rows.slice(0, 5).map((r, i) => (
                    <TableRow key={i}>
                      {analysis.columns.map((c, j) => (
                        <TableCell key={c} className="max-w-48 truncate whitespace-nowrap">
                          {cell(r, analysis.columns, j)}
                        </TableCell>
                      ))}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
            <div className="flex flex-wrap justify-end gap-2">
              <Button variant="outline" onClick={() => setStep('file')} disabled={busy}>
                {t('chooseAnother')}
              </Button>
              <Button
                onClick={() => {
                  setError(null);
                  run.mutate('preview');
                }}
                disabled={busy}
                data-testid="import-preview"
              >
                {run.isPending && <Spinner aria-hidden />}
                {t('checkRows')}
              </Button>
            </div>
          </div>
        )}

        {step === 'preview' && preview && (
          <div className="space-y-4" data-testid="import-preview-result">
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              {(
                [
                  ['rows', preview.rows],
                  ['create', preview.create],
                  ['merge', preview.merge],
                  ['failed', failedCount],
                ] as const
              ).map(([k, n]) => (
                <div key={k} className="rounded-lg border p-3" data-testid={`import-count-${k}`}>
                  <dt className="text-xs text-muted-foreground">{t(`counts.${k}`)}</dt>
                  <dd className={k === 'failed' && n > 0 ? 'text-xl font-semibold text-destructive' : 'text-xl font-semibold'}>{n}</dd>
                </div>
              ))}
            </dl>
            {failedCount > 0 && (
              <section className="space-y-2">
                <h3 className="text-sm font-semibold">{t('failedTitle')}</h3>
                <ul className="space-y-1 text-sm" data-testid="import-failed">
                  {preview.failed.map((f, i) => (
                    <li key={i} className="rounded-md border border-destructive/30 bg-destructive/5 px-3 py-2" data-testid="import-failed-row">
                      {t('failedRow', { row: f.row, field: tTargets.has(f.field) ? tTargets(f.field) : f.field })}:{' '}
                      <span className="text-muted-foreground">{rowIssue(f)}</span>
                    </li>
                  ))}
                </ul>
                <p className="text-xs text-muted-foreground">{t('failedHint')}</p>
              </section>
            )}
            {preview.duplicates.length > 0 && (
              <section className="space-y-2">
                <h3 className="text-sm font-semibold">{t('duplicatesTitle')}</h3>
                <ul className="space-y-1 text-sm" data-testid="import-duplicates">
                  {preview.duplicates.map((d, i) => (
                    <li key={i} className="rounded-md border px-3 py-2">
                      {t('duplicateRow', { row: d.row, name: d.name, by: d.matched_by })}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <div className="flex flex-wrap justify-end gap-2">
              <Button variant="outline" onClick={() => setStep('file')} disabled={busy} data-testid="import-choose-another">
                {t('chooseAnother')}
              </Button>
              <Button variant="outline" onClick={() => setStep('mapping')} disabled={busy} data-testid="import-back">
                {t('back')}
              </Button>
              <Button
                onClick={() => {
                  setError(null);
                  run.mutate('commit');
                }}
                disabled={busy || failedCount > 0}
                data-testid="import-commit"
              >
                {run.isPending && <Spinner aria-hidden />}
                {t('commit', { count: preview.rows })}
              </Button>
            </div>
          </div>
        )}

        {step === 'done' && result && (
          <div className="space-y-4 text-center" data-testid="import-done">
            <CircleCheckIcon className="mx-auto size-10 text-success" aria-hidden />
            <p className="text-sm">{t('doneSummary', { create: result.create, merge: result.merge })}</p>
            <Button onClick={onClose} data-testid="import-close">
              {t('close')}
            </Button>
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}
