'use client';
// Search and the filters of the deals board / table / conversations list (stage, responsible,
// channel, tag, agent, status, dates, price); every change goes into the URL.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { FilterIcon, SearchIcon, XIcon } from 'lucide-react';
import { useDebouncedValue } from '@/components/agents/use-debounced-value';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { memberName, useAgents, useMembers } from './queries';
import { CHANNELS, STATUSES, type DealFilters, type Stage } from './types';

const ALL = '__all';

function FilterSelect({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  options: { value: string; label: string }[];
}) {
  const t = useTranslations('deals.filters');
  return (
    <div className="space-y-1">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      <Select value={value ?? ALL} onValueChange={(v) => onChange(v === ALL ? undefined : v)}>
        <SelectTrigger id={id} className="w-full" data-testid={id}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>{t('any')}</SelectItem>
          {options.map((o) => (
            <SelectItem key={o.value} value={o.value}>
              {o.label}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      {children}
    </div>
  );
}

export function FilterBar({
  filters,
  onChange,
  stages,
  show,
  leading,
}: {
  filters: DealFilters;
  onChange: (next: DealFilters) => void;
  stages?: Stage[];
  /** Which filters this page offers. */
  show: (keyof DealFilters)[];
  leading?: ReactNode;
}) {
  const t = useTranslations('deals');
  const members = useMembers();
  const agents = useAgents();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState(filters.search ?? '');
  const debounced = useDebouncedValue(search, 350);
  useEffect(() => {
    if ((debounced || undefined) !== filters.search) onChange({ ...filters, search: debounced || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const set = (k: keyof DealFilters) => (v: string | undefined) => onChange({ ...filters, [k]: v || undefined });
  const active = show.filter((k) => k !== 'search' && filters[k]).length;
  const has = (k: keyof DealFilters) => show.includes(k);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        {leading}
        <div className="relative min-w-48 flex-1">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
          <Input
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t('filters.search')}
            aria-label={t('filters.search')}
            className="pl-8"
            data-testid="deals-search"
          />
        </div>
        <Button variant={open ? 'secondary' : 'outline'} onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="filters-toggle">
          <FilterIcon aria-hidden />
          {t('filters.title')}
          {active > 0 && <span className="rounded-full bg-primary px-1.5 text-xs text-primary-foreground">{active}</span>}
        </Button>
        {active > 0 && (
          <Button variant="ghost" onClick={() => onChange({ search: filters.search })} data-testid="filters-reset">
            <XIcon aria-hidden />
            {t('filters.reset')}
          </Button>
        )}
      </div>
      {open && (
        <div className="grid gap-3 rounded-xl border bg-card p-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="filters-panel">
          {has('stage_id') && stages && (
            <FilterSelect
              id="filter-stage"
              label={t('filters.stage')}
              value={filters.stage_id}
              onChange={set('stage_id')}
              options={stages.map((s) => ({ value: s.id, label: s.name }))}
            />
          )}
          {has('status') && (
            <FilterSelect
              id="filter-status"
              label={t('filters.status')}
              value={filters.status}
              onChange={set('status')}
              options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            />
          )}
          {has('responsible') && (
            <FilterSelect
              id="filter-responsible"
              label={t('filters.responsible')}
              value={filters.responsible}
              onChange={set('responsible')}
              options={[
                { value: 'me', label: t('filters.me') },
                { value: 'none', label: t('filters.nobody') },
                ...(members.data ?? []).map((m) => ({ value: m.user_id, label: memberName(m) })),
              ]}
            />
          )}
          {has('channel_type') && (
            <FilterSelect
              id="filter-channel"
              label={t('filters.channel')}
              value={filters.channel_type}
              onChange={set('channel_type')}
              options={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
            />
          )}
          {has('agent_id') && (
            <FilterSelect
              id="filter-agent"
              label={t('filters.agent')}
              value={filters.agent_id}
              onChange={set('agent_id')}
              options={(agents.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            />
          )}
          {has('tag') && (
            <Field id="filter-tag" label={t('filters.tag')}>
              <Input id="filter-tag" defaultValue={filters.tag} onBlur={(e) => set('tag')(e.target.value.trim())} />
            </Field>
          )}
          {has('date_from') && (
            <Field id="filter-date-from" label={t('filters.dateFrom')}>
              <Input id="filter-date-from" type="date" value={filters.date_from ?? ''} onChange={(e) => set('date_from')(e.target.value)} />
            </Field>
          )}
          {has('date_to') && (
            <Field id="filter-date-to" label={t('filters.dateTo')}>
              <Input id="filter-date-to" type="date" value={filters.date_to ?? ''} onChange={(e) => set('date_to')(e.target.value)} />
            </Field>
          )}
          {has('price_min') && (
            <Field id="filter-price-min" label={t('filters.priceMin')}>
              <Input id="filter-price-min" type="number" min={0} defaultValue={filters.price_min} onBlur={(e) => set('price_min')(e.target.value)} />
            </Field>
          )}
          {has('price_max') && (
            <Field id="filter-price-max" label={t('filters.priceMax')}>
              <Input id="filter-price-max" type="number" min={0} defaultValue={filters.price_max} onBlur={(e) => set('price_max')(e.target.value)} />
            </Field>
          )}
        </div>
      )}
    </div>
  );
}
