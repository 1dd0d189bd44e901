'use client';
// The conversation's context (seed 004 JSONB) as key/value rows: add, edit, remove; values as
// text, number or JSON. Save sends only what changed (null removes a key) to PATCH …/context.
import { useMemo, useState } from 'react';
import { useTranslations } from 'next-intl';
import { PlusIcon, Trash2Icon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';

export const SUGGESTED_KEYS = ['intent', 'device', 'issue', 'stage', 'price_quoted', 'price_final', 'awaiting'];
type Kind = 'text' | 'number' | 'json';
interface Row {
  key: string;
  kind: Kind;
  value: string;
  isNew: boolean;
}

const kindOf = (v: unknown): Kind => (typeof v === 'number' ? 'number' : typeof v === 'string' ? 'text' : 'json');
const textOf = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v));

function parse(row: Row): { ok: true; value: unknown } | { ok: false } {
  if (row.kind === 'text') return { ok: true, value: row.value };
  if (row.kind === 'number') {
    const n = Number(row.value.replace(',', '.'));
    return row.value.trim() !== '' && Number.isFinite(n) ? { ok: true, value: n } : { ok: false };
  }
  try {
    return { ok: true, value: JSON.parse(row.value) };
  } catch {
    return { ok: false };
  }
}

export function ContextEditor({
  context,
  canWrite,
  saving,
  onSave,
}: {
  context: Record<string, unknown>;
  canWrite: boolean;
  saving: boolean;
  onSave: (changes: Record<string, unknown>) => void;
}) {
  const t = useTranslations('deals.context');
  const initial = useMemo<Row[]>(
    () => Object.entries(context ?? {}).map(([key, v]) => ({ key, kind: kindOf(v), value: textOf(v), isNew: false })),
    [context],
  );
  const [rows, setRows] = useState<Row[]>(initial);
  const [removed, setRemoved] = useState<string[]>([]);
  const [draft, setDraft] = useState<Row>({ key: '', kind: 'text', value: '', isNew: true });
  const [invalid, setInvalid] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const update = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const addDraft = () => {
    const key = draft.key.trim();
    if (!key) return;
    if (rows.some((r) => r.key === key)) {
      setProblem(t('duplicate', { key }));
      return;
    }
    setProblem(null);
    setRows((rs) => [...rs, { ...draft, key }]);
    setRemoved((rm) => rm.filter((k) => k !== key));
    setDraft({ key: '', kind: 'text', value: '', isNew: true });
  };

  const changes = () => {
    const out: Record<string, unknown> = {};
    // A typed but not yet added row counts too.
    const all = draft.key.trim() && !rows.some((r) => r.key === draft.key.trim()) ? [...rows, { ...draft, key: draft.key.trim() }] : rows;
    for (const r of all) {
      const p = parse(r);
      if (!p.ok) return { bad: r.key };
      if (r.isNew || JSON.stringify(context?.[r.key]) !== JSON.stringify(p.value)) out[r.key] = p.value;
    }
    for (const k of removed) out[k] = null;
    return { out };
  };
  const result = changes();
  const dirty = 'out' in result && Object.keys(result.out ?? {}).length > 0;

  const save = () => {
    const r = changes();
    if ('bad' in r) {
      setInvalid(r.bad ?? null);
      setProblem(t('invalid', { key: r.bad ?? '' }));
      return;
    }
    setInvalid(null);
    setProblem(null);
    if (r.out && Object.keys(r.out).length) onSave(r.out);
  };

  const kindSelect = (value: Kind, onChange: (k: Kind) => void, label: string) => (
    <Select value={value} onValueChange={(v) => onChange(v as Kind)} disabled={!canWrite}>
      <SelectTrigger className="w-full" aria-label={label}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {(['text', 'number', 'json'] as const).map((k) => (
          <SelectItem key={k} value={k}>
            {t(`kinds.${k}`)}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );

  return (
    <div className="space-y-2" data-testid="context-editor">
      {rows.length === 0 && <p className="text-sm text-muted-foreground">{t('empty')}</p>}
      {rows.map((r, i) => (
        <div key={r.key} className="grid grid-cols-[6.5rem_minmax(0,1fr)_auto] items-center gap-2 sm:grid-cols-[9rem_7rem_minmax(0,1fr)_auto]" data-testid="context-row" data-key={r.key}>
          <code className="col-span-3 truncate text-xs font-medium sm:col-span-1" title={r.key}>
            {r.key}
          </code>
          {kindSelect(r.kind, (k) => update(i, { kind: k }), t('kind'))}
          <Input
            value={r.value}
            onChange={(e) => update(i, { value: e.target.value })}
            aria-label={t('valueOf', { key: r.key })}
            aria-invalid={invalid === r.key || undefined}
            disabled={!canWrite}
            inputMode={r.kind === 'number' ? 'decimal' : undefined}
            data-testid={`context-value-${r.key}`}
          />
          {canWrite && (
            <Button
              type="button"
              variant="ghost"
              size="icon"
              aria-label={t('remove', { key: r.key })}
              onClick={() => (setRows((rs) => rs.filter((_, j) => j !== i)), !r.isNew && setRemoved((rm) => [...rm, r.key]))}
            >
              <Trash2Icon aria-hidden />
            </Button>
          )}
        </div>
      ))}
      {canWrite && (
        <div className="grid grid-cols-[6.5rem_minmax(0,1fr)_auto] items-center gap-2 border-t pt-2 sm:grid-cols-[9rem_7rem_minmax(0,1fr)_auto]">
          <Input
            value={draft.key}
            onChange={(e) => setDraft({ ...draft, key: e.target.value })}
            placeholder={t('newKey')}
            aria-label={t('newKey')}
            list="context-key-suggestions"
            className="col-span-3 sm:col-span-1"
            data-testid="context-new-key"
          />
          <datalist id="context-key-suggestions">
            {SUGGESTED_KEYS.filter((k) => !rows.some((r) => r.key === k)).map((k) => (
              <option key={k} value={k} />
            ))}
          </datalist>
          {kindSelect(draft.kind, (k) => setDraft({ ...draft, kind: k }), t('kind'))}
          <Input
            value={draft.value}
            onChange={(e) => setDraft({ ...draft, value: e.target.value })}
            onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), addDraft())}
            placeholder={t('newValue')}
            aria-label={t('newValue')}
            data-testid="context-new-value"
          />
          <Button type="button" variant="outline" size="icon" onClick={addDraft} aria-label={t('add')} data-testid="context-add">
            <PlusIcon aria-hidden />
          </Button>
        </div>
      )}
      {problem && (
        <p role="alert" className="text-xs text-destructive">
          {problem}
        </p>
      )}
      {canWrite && (
        <div className="flex justify-end">
          <Button type="button" size="sm" onClick={save} disabled={!dirty || saving} data-testid="context-save">
            {t('save')}
          </Button>
        </div>
      )}
    </div>
  );
}
