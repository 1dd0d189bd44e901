'use client';
// The Notifications page: unread first, each rendered from its type and data in the reader's
// language (the stored Russian title is the fallback), with mark read, mark all read and delete.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { BellIcon, BotIcon, CheckCheckIcon, CheckIcon, CircleAlertIcon, ClipboardListIcon, FileClockIcon, GaugeIcon, Trash2Icon, UserPlusIcon, UserRoundIcon } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';
import { cn } from '@/lib/utils/cn';
import { useNotificationActions, useNotifications, type Notification } from './notifications-api';

const ICONS: Record<string, LucideIcon> = {
  draft_pending: FileClockIcon,
  quota_exceeded: GaugeIcon,
  agent_error: CircleAlertIcon,
  handover_requested: UserRoundIcon,
  new_lead: UserPlusIcon,
  task_created: ClipboardListIcon,
  job_dead_letter: BotIcon,
};

function useRender() {
  const t = useTranslations('notifications.types');
  return (n: Notification): { title: string; description: string | null } => {
    if (!t.has(`${n.type}.title`)) return { title: n.title, description: n.description };
    const values = Object.fromEntries(
      Object.entries(n.data ?? {}).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => [k, String(v)]),
    );
    // A message whose parameters are missing falls back to the stored text.
    try {
      const description = t(`${n.type}.description`, values);
      return { title: t(`${n.type}.title`), description: /\{\w+\}/.test(description) ? n.description : description };
    } catch {
      return { title: t(`${n.type}.title`), description: n.description };
    }
  };
}

export function NotificationsPage() {
  const t = useTranslations('notifications');
  const { data, isPending } = useNotifications(100);
  const actions = useNotificationActions();
  const render = useRender();
  const time = useTimeFormat();
  const wsHref = useWorkspaceHref();
  const items = data?.data ?? [];

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
          <p className="mt-1 text-sm text-muted-foreground">{t('subtitle')}</p>
        </div>
        <div className="flex gap-2">
          <Button
            variant="outline"
            size="sm"
            disabled={!data?.unread_count || actions.readAll.isPending}
            onClick={() => actions.readAll.mutate()}
            data-testid="notifications-read-all"
          >
            <CheckCheckIcon aria-hidden />
            {t('markAllRead')}
          </Button>
          <Button
            variant="ghost"
            size="sm"
            disabled={!items.length || actions.removeAll.isPending}
            onClick={() => actions.removeAll.mutate()}
            data-testid="notifications-delete-all"
          >
            <Trash2Icon aria-hidden />
            {t('deleteAll')}
          </Button>
        </div>
      </div>

      {!isPending && !items.length ? (
        <Card>
          <CardContent className="flex flex-col items-center gap-2 py-14 text-center" data-testid="notifications-empty">
            <BellIcon className="size-8 text-muted-foreground" aria-hidden />
            <p className="font-medium">{t('empty')}</p>
            <p className="max-w-sm text-sm text-muted-foreground">{t('emptyHint')}</p>
          </CardContent>
        </Card>
      ) : (
        <ul className="divide-y overflow-hidden rounded-xl border bg-card" data-testid="notifications-list">
          {items.map((n) => {
            const Icon = ICONS[n.type] ?? BellIcon;
            const { title, description } = render(n);
            return (
              <li
                key={n.id}
                className={cn('flex gap-3 px-4 py-3.5 sm:px-5', !n.is_read && 'bg-accent/40')}
                data-testid="notification"
                data-type={n.type}
                data-read={n.is_read}
              >
                <span className={cn('mt-0.5 flex size-9 shrink-0 items-center justify-center rounded-lg', n.is_read ? 'bg-muted text-muted-foreground' : 'bg-primary/10 text-primary')}>
                  <Icon className="size-4" aria-hidden />
                </span>
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
                    <p className="font-medium" data-testid="notification-title">{title}</p>
                    {!n.is_read && <span className="rounded-full bg-primary px-1.5 py-0.5 text-[10px] font-semibold text-primary-foreground uppercase">{t('unread')}</span>}
                  </div>
                  {description && <p className="mt-0.5 text-sm text-muted-foreground">{description}</p>}
                  <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
                    <time dateTime={n.created_at}>{time.dateTime(n.created_at)}</time>
                    {n.action_url?.startsWith('/') && (
                      <Link href={wsHref(n.action_url)} className="font-medium text-primary underline-offset-4 hover:underline" onClick={() => !n.is_read && actions.read.mutate(n.id)}>
                        {t('open')}
                      </Link>
                    )}
                  </div>
                </div>
                <div className="flex shrink-0 items-start gap-1">
                  {!n.is_read && (
                    <Button variant="ghost" size="icon" className="size-8" aria-label={t('markRead')} title={t('markRead')} onClick={() => actions.read.mutate(n.id)} data-testid="notification-read">
                      <CheckIcon aria-hidden />
                    </Button>
                  )}
                  <Button variant="ghost" size="icon" className="size-8" aria-label={t('delete')} title={t('delete')} onClick={() => actions.remove.mutate(n.id)} data-testid="notification-delete">
                    <Trash2Icon aria-hidden />
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
