'use client';
// Pick another client by searching (name, phone, email, channel id); the current one is left out.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { SearchIcon } from 'lucide-react';
import { Input } from '@/components/ui/input';
import { apiGet, query } from '@/components/agents/api-client';
import { useDebouncedValue } from '@/components/agents/use-debounced-value';
import { cn } from '@/lib/utils/cn';
import { clientKeys, type ClientListItem } from './types';
import { ClientAvatar, formatPhone } from './display';

export function ClientPicker({
  excludeId,
  selected,
  onSelect,
  testId = 'client-picker',
}: {
  excludeId: string;
  selected: ClientListItem | null;
  onSelect: (c: ClientListItem) => void;
  testId?: string;
}) {
  const t = useTranslations('clients.picker');
  const [text, setText] = useState('');
  const search = useDebouncedValue(text.trim(), 300);
  const results = useQuery({
    queryKey: clientKeys.list({ picker: search }),
    queryFn: ({ signal }) => apiGet<{ data: ClientListItem[] }>(`/api/clients${query({ search, limit: 8 })}`, signal).then((r) => r.data),
    enabled: search.length > 0,
  });
  const rows = (results.data ?? []).filter((c) => c.id !== excludeId);
  return (
    <div className="space-y-2" data-testid={testId}>
      <div className="relative">
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
        <Input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('placeholder')}
          aria-label={t('placeholder')}
          className="pl-9"
          data-testid={`${testId}-search`}
        />
      </div>
      {search && results.data && rows.length === 0 && <p className="text-sm text-muted-foreground">{t('none')}</p>}
      {rows.length > 0 && (
        <ul className="max-h-56 space-y-1 overflow-y-auto" role="listbox" aria-label={t('results')}>
          {rows.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                role="option"
                aria-selected={selected?.id === c.id}
                onClick={() => onSelect(c)}
                className={cn(
                  'flex w-full items-center gap-3 rounded-lg border px-3 py-2 text-left text-sm hover:bg-accent',
                  selected?.id === c.id && 'border-primary bg-primary/5',
                )}
                data-testid={`${testId}-option`}
              >
                <ClientAvatar name={c.name} className="size-7" />
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium">{c.name}</span>
                  <span className="block truncate text-xs text-muted-foreground">{formatPhone(c.phone) || c.email || '—'}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
