'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { FilterIcon } from 'lucide-react';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';

const ALL = '__all__';

/** Filters the audit log by action through the URL (?action=…), so the page stays linkable. */
export function AuditFilter({ actions, current }: { actions: string[]; current?: string }) {
  const t = useTranslations('audit');
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const label = (a: string) => (t.has(`actions.${a}`) ? t(`actions.${a}`) : a);
  const options = current && !actions.includes(current) ? [...actions, current] : actions;
  return (
    <Select
      value={current ?? ALL}
      onValueChange={(v) => {
        const next = new URLSearchParams(params);
        if (v === ALL) next.delete('action');
        else next.set('action', v);
        next.delete('page');
        router.push(next.size ? `${pathname}?${next}` : pathname);
      }}
    >
      <SelectTrigger className="w-full justify-start sm:w-64 [&>svg:last-child]:ml-auto" aria-label={t('filter.label')} data-testid="audit-filter">
        <FilterIcon className="text-muted-foreground" aria-hidden />
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={ALL}>{t('filter.all')}</SelectItem>
        {options.map((a) => (
          <SelectItem key={a} value={a}>
            {label(a)}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
