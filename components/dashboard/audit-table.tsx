// The audit log page's entries: a table on wide screens, stacked cards on phones. Codes
// (actions, entities, fields) are shown through the catalogue; ids as names with links.
import type { ReactNode } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { gmtLabel, timeFormatter } from '@/lib/i18n/format-time';
import { isLocale } from '@/lib/i18n/config';
import { ArrowRightIcon, BotIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { AuditRef, FieldRefs } from '@/lib/audit/resolve-audit-refs';
import { UserAvatar } from './user-avatar';
import { changesOf, shortValue } from './audit-changes';
import { AuditRefLink, AuditRefList } from './audit-ref';

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
  entity?: AuditRef | null;
  value_refs?: { old: FieldRefs; new: FieldRefs };
}

const MAX_CHANGES = 4;
// Auto-resume units are stored as the seed's Russian words.
const UNIT_KEYS: Record<string, string> = { минут: 'minutes', часов: 'hours', дней: 'days' };

interface Row {
  e: AuditEntryView;
  who: string;
  when: string;
  action: string;
  entity: ReactNode;
  changes: ReactNode;
}

/** `base` is the workspace's dashboard root the links start from; times are shown in the workspace's zone, named in the column header. */
export async function AuditTable({ entries, base, timeZone }: { entries: AuditEntryView[]; base: string; timeZone: string }) {
  const t = await getTranslations('audit');
  const locale = await getLocale();
  const time = timeFormatter(isLocale(locale) ? locale : 'ru', timeZone);
  // New labels live under `labels`; the first ones (team, profile) at the top level.
  const label = (group: 'actions' | 'entities' | 'fields', key: string) =>
    t.has(`labels.${group}.${key}`) ? t(`labels.${group}.${key}`) : t.has(`${group}.${key}`) ? t(`${group}.${key}`) : key;
  const common = await getTranslations('common');
  const yes = t('values.yes');
  const no = t('values.no');
  const refLabels = { deleted: t('labels.refs.deleted'), unknown: t('labels.refs.unknown'), formerMember: t('labels.refs.formerMember') };
  // Roles, themes and languages are stored as codes; show them the way the rest of the UI names them.
  const VALUE_GROUPS: Record<string, string> = { role: 'roles', theme: 'theme', locale: 'locale' };
  const value = (field: string, v: unknown) => {
    const group = VALUE_GROUPS[field];
    if (group && typeof v === 'string' && common.has(`${group}.${v}`)) return common(`${group}.${v}`);
    if (typeof v === 'string' && UNIT_KEYS[v] && /unit/i.test(field)) return t(`values.units.${UNIT_KEYS[v]}`);
    return shortValue(v, yes, no);
  };
  const shown = (refs: FieldRefs | undefined, field: string, v: unknown) =>
    refs?.[field] ? <AuditRefList refs={refs[field]} base={base} labels={refLabels} /> : value(field, v);

  const rows: Row[] = entries.map((e) => {
    const changes = changesOf(e.old_values, e.new_values);
    const who = e.user ? e.user.full_name || e.user.email || e.user.id : t('system', { name: (e.actor ?? '').replace(/^system:/, '') });
    return {
      e,
      who,
      when: time.dateTime(e.created_at),
      action: label('actions', e.action),
      entity: (
        <>
          <div className="text-muted-foreground">{label('entities', e.entity_type)}</div>
          {e.entity ? (
            <div className="max-w-56 truncate">
              <AuditRefLink refItem={e.entity} base={base} labels={refLabels} />
            </div>
          ) : (
            e.entity_id && <div className="font-mono text-xs text-muted-foreground">{e.entity_id.slice(0, 8)}</div>
          )}
        </>
      ),
      changes: changes.length ? (
        <ul className="grid gap-1 text-xs" data-testid="audit-changes">
          {changes.slice(0, MAX_CHANGES).map((c) => (
            <li key={c.field} className="leading-relaxed [overflow-wrap:anywhere]">
              <span className="font-medium text-foreground/80">{label('fields', c.field)}:</span>{' '}
              {c.kind !== 'added' && (
                <span className={c.kind === 'changed' ? 'text-muted-foreground line-through decoration-muted-foreground/40' : 'text-muted-foreground'}>
                  {shown(e.value_refs?.old, c.field, c.from)}
                </span>
              )}
              {c.kind === 'changed' && <ArrowRightIcon className="mx-1 inline size-3 align-[-2px] text-muted-foreground" aria-hidden />}
              {c.kind !== 'removed' && <span className="text-foreground">{shown(e.value_refs?.new, c.field, c.to)}</span>}
            </li>
          ))}
          {changes.length > MAX_CHANGES && <li className="text-muted-foreground">{t('moreChanges', { count: changes.length - MAX_CHANGES })}</li>}
        </ul>
      ) : (
        <span className="text-muted-foreground">—</span>
      ),
    };
  });

  const avatar = (r: Row) =>
    r.e.user ? (
      <UserAvatar name={r.who} className="size-7 text-[10px]" />
    ) : (
      <span className="flex size-7 shrink-0 items-center justify-center rounded-full bg-muted text-muted-foreground">
        <BotIcon className="size-3.5" aria-hidden />
      </span>
    );

  return (
    <>
      <div className="hidden md:block">
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
            {rows.map((r) => (
              <TableRow key={String(r.e.id)} data-testid="audit-row" className="align-top">
                <TableCell className="py-3 pl-6 whitespace-nowrap text-muted-foreground tabular-nums">{r.when}</TableCell>
                <TableCell className="py-3">
                  <div className="flex w-48 items-center gap-2.5 lg:w-56">
                    {avatar(r)}
                    <div className="min-w-0">
                      <div className="truncate font-medium">{r.who}</div>
                      {r.e.user?.full_name && r.e.user.email && <div className="truncate text-xs text-muted-foreground">{r.e.user.email}</div>}
                    </div>
                  </div>
                </TableCell>
                <TableCell className="py-3">
                  <Badge variant="secondary" className="font-medium">
                    {r.action}
                  </Badge>
                </TableCell>
                <TableCell className="py-3">{r.entity}</TableCell>
                <TableCell className="py-3 pr-6">
                  <div className="w-64 lg:w-72">{r.changes}</div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {/* Phones: one card per entry, the action and object first, nothing off screen. */}
      <ul className="divide-y md:hidden" data-testid="audit-cards">
        {rows.map((r) => (
          <li key={String(r.e.id)} className="space-y-2 px-4 py-3 text-sm" data-testid="audit-card">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <Badge variant="secondary" className="font-medium">
                {r.action}
              </Badge>
              <span className="text-xs text-muted-foreground tabular-nums">{r.when}</span>
            </div>
            <div className="min-w-0 [overflow-wrap:anywhere]">{r.entity}</div>
            <div className="flex min-w-0 items-center gap-2 text-xs text-muted-foreground">
              {avatar(r)}
              <span className="truncate">{r.who}</span>
            </div>
            {r.changes}
          </li>
        ))}
      </ul>
    </>
  );
}
