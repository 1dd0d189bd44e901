'use client';
// Pick the client or the deal a task belongs to: type to search, click a result.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { useQuery } from '@tanstack/react-query';
import { XIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { apiGet, query } from '@/components/agents/api-client';
import { useDebouncedValue } from '@/components/agents/use-debounced-value';
import { cn } from '@/lib/utils/cn';

export interface TaskLink {
  kind: 'client' | 'deal';
  id: string;
  label: string;
}

interface ClientHit {
  id: string;
  name: string;
  phone: string | null;
}
interface DealHit {
  id: string;
  title: string | null;
  client: { name: string } | null;
  stage: { name: string } | null;
}

export function LinkPicker({ value, onChange, invalid }: { value: TaskLink | null; onChange: (v: TaskLink | null) => void; invalid?: boolean }) {
  const t = useTranslations('crmSetup.tasks');
  const [kind, setKind] = useState<'client' | 'deal'>('client');
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const results = useQuery({
    queryKey: ['crm', 'task-link', kind, q],
    enabled: !value,
    queryFn: async ({ signal }): Promise<TaskLink[]> => {
      if (kind === 'client') {
        const r = await apiGet<{ data: ClientHit[] }>(`/api/clients${query({ search: q, limit: 8 })}`, signal);
        return r.data.map((c) => ({ kind: 'client', id: c.id, label: c.phone ? `${c.name} · ${c.phone}` : c.name }));
      }
      const r = await apiGet<{ data: DealHit[] }>(`/api/conversations${query({ search: q, limit: 8 })}`, signal);
      return r.data.map((d) => ({
        kind: 'deal',
        id: d.id,
        label: [d.title || d.client?.name || t('deal'), d.stage?.name].filter(Boolean).join(' · '),
      }));
    },
  });

  if (value) {
    return (
      <div className="flex items-center justify-between gap-2 rounded-md border px-3 py-1.5 text-sm" data-testid="task-link-chosen">
        <span className="min-w-0 truncate">
          <span className="text-muted-foreground">{value.kind === 'client' ? t('client') : t('deal')}: </span>
          {value.label}
        </span>
        <Button type="button" variant="ghost" size="icon" className="size-7" onClick={() => onChange(null)} aria-label={t('unlink')}>
          <XIcon aria-hidden />
        </Button>
      </div>
    );
  }
  return (
    <div className={cn('space-y-2 rounded-md border p-2', invalid && 'border-destructive')}>
      <div className="inline-flex rounded-md border p-0.5" role="group">
        {(['client', 'deal'] as const).map((k) => (
          <button
            key={k}
            type="button"
            aria-pressed={kind === k}
            onClick={() => setKind(k)}
            className={cn('rounded px-3 py-1 text-xs', kind === k ? 'bg-secondary font-medium' : 'text-muted-foreground')}
            data-testid={`task-link-kind-${k}`}
          >
            {k === 'client' ? t('client') : t('deal')}
          </button>
        ))}
      </div>
      <Input
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder={kind === 'client' ? t('searchClient') : t('searchDeal')}
        aria-label={kind === 'client' ? t('searchClient') : t('searchDeal')}
        data-testid="task-link-search"
      />
      <ul className="max-h-40 overflow-y-auto" role="listbox" aria-label={t('results')}>
        {results.data?.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              role="option"
              aria-selected={false}
              className="w-full truncate rounded px-2 py-1.5 text-left text-sm hover:bg-accent focus-visible:bg-accent focus-visible:outline-none"
              onClick={() => onChange(r)}
              data-testid="task-link-option"
            >
              {r.label}
            </button>
          </li>
        ))}
        {results.data && !results.data.length && <li className="px-2 py-1.5 text-sm text-muted-foreground">{t('nothingFound')}</li>}
        {results.isError && <li className="px-2 py-1.5 text-sm text-muted-foreground">{t('searchFailed')}</li>}
      </ul>
    </div>
  );
}
