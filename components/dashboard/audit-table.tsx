import { getLocale, getTranslations } from 'next-intl/server';
import { gmtLabel, timeFormatter } from '@/lib/i18n/format-time';
import { isLocale } from '@/lib/i18n/config';
import { ArrowRightIcon, BotIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { UserAvatar } from './user-avatar';
import { changesOf, shortValue } from './audit-changes';

export interface AuditEntryView {
  id: string | number;
  action: string;
  entity_type: string;
  entity_id: string | null;
  old_values: unknown;
  new_values: unknown;
  actor: string | null;
  user: { id: string; email: string | null; full_name: string | null } | null;
  created_at: string;
}

const MAX_CHANGES = 4;
// Auto-resume units are stored as the seed's Russian words.
const UNIT_KEYS: Record<string, string> = { минут: 'minutes', часов: 'hours', дней: 'days' };

/** Times are shown in the workspace's zone, named in the column header. */
export async function AuditTable({ entries, timeZone }: { entries: AuditEntryView[]; timeZone: string }) {
  const t = await getTranslations('audit');
  const locale = await getLocale();
  const time = timeFormatter(isLocale(locale) ? locale : 'ru', timeZone);
  const label = (group: 'actions' | 'entities' | 'fields', key: string) => (t.has(`${group}.${key}`) ? t(`${group}.${key}`) : key);
  const common = await getTranslations('common');
  const yes = t('values.yes');
  const no = t('values.no');
  // Roles, themes and languages are stored as codes; show them the way the rest of the UI names them.
  const VALUE_GROUPS: Record<string, string> = { role: 'roles', theme: 'theme', locale: 'locale' };
  const value = (field: string, v: unknown) => {
    const group = VALUE_GROUPS[field];
    if (group && typeof v === 'string' && common.has(`${group}.${v}`)) return common(`${group}.${v}`);
    if (typeof v === 'string' && UNIT_KEYS[v] && /unit/i.test(field)) return t(`values.units.${UNIT_KEYS[v]}`);
    return shortValue(v, yes, no);
  };

  return (
    <Table data-testid="audit-table">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead className="pl-6">
            {t('columns.time')}{' '}
            <span className="font-normal text-muted-foreground" title={time.timeZone} data-testid="audit-time-zone">
              ({gmtLabel(new Date(), time.timeZone)})
            </span>
          </TableHead>
          <TableHead>{t('columns.who')}</TableHead>
          <TableHead>{t('columns.action')}</TableHead>
          <TableHead>{t('columns.entity')}</TableHead>
          <TableHead className="pr-6">{t('columns.changes')}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((e) => {
          const changes = changesOf(e.old_values, e.new_values);
          const who = e.user ? e.user.full_name || e.user.email || e.user.id : t('system', { name: (e.actor ?? '').replace(/^system:/, '') });
          return (
            <TableRow key={String(e.id)} data-testid="audit-row" className="align-top">
              <TableCell className="py-3 pl-6 whitespace-nowrap text-muted-foreground tabular-nums">
                {time.dateTime(e.created_at)}
              </TableCell>
              <TableCell className="py-3">
                <div className="flex w-56 items-center gap-2.5">
                  {e.user ? (
                    <UserAvatar name={who} className="size-7 text-[10px]" />
                  ) : (
                    <span className="flex size-7 items-center justify-center rounded-full bg-muted text-muted-foreground">
                      <BotIcon className="size-3.5" aria-hidden />
                    </span>
                  )}
                  <div className="min-w-0">
                    <div className="truncate font-medium">{who}</div>
                    {e.user?.full_name && e.user.email && <div className="truncate text-xs text-muted-foreground">{e.user.email}</div>}
                  </div>
                </div>
              </TableCell>
              <TableCell className="py-3">
                <Badge variant="secondary" className="font-medium">{label('actions', e.action)}</Badge>
              </TableCell>
              <TableCell className="py-3 whitespace-nowrap">
                <div>{label('entities', e.entity_type)}</div>
                {e.entity_id && <div className="font-mono text-xs text-muted-foreground">{e.entity_id.slice(0, 8)}</div>}
              </TableCell>
              <TableCell className="py-3 pr-6">
                {changes.length ? (
                  <ul className="grid w-72 gap-1 text-xs">
                    {changes.slice(0, MAX_CHANGES).map((c) => (
                      <li key={c.field} className="leading-relaxed [overflow-wrap:anywhere]">
                        <span className="font-medium text-foreground/80">{label('fields', c.field)}:</span>{' '}
                        {c.kind !== 'added' && (
                          <span className={c.kind === 'changed' ? 'text-muted-foreground line-through decoration-muted-foreground/40' : 'text-muted-foreground'}>
                            {value(c.field, c.from)}
                          </span>
                        )}
                        {c.kind === 'changed' && <ArrowRightIcon className="mx-1 inline size-3 align-[-2px] text-muted-foreground" aria-hidden />}
                        {c.kind !== 'removed' && <span className="text-foreground">{value(c.field, c.to)}</span>}
                      </li>
                    ))}
                    {changes.length > MAX_CHANGES && (
                      <li className="text-muted-foreground">{t('moreChanges', { count: changes.length - MAX_CHANGES })}</li>
                    )}
                  </ul>
                ) : (
                  <span className="text-muted-foreground">—</span>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
