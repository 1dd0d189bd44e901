'use client';
// The top bar's bell: a link to the Notifications page with the unread count, live.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { BellIcon } from 'lucide-react';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';
import { useLiveInvalidate } from '@/components/realtime/use-live-invalidate';
import { useNotificationKey, useNotifications } from './notifications-api';

export function NotificationBell() {
  const t = useTranslations('notifications');
  const href = useWorkspaceHref()('/notifications');
  const { data } = useNotifications();
  // A new notification for this member (or everyone) → the count and the list refetch at once.
  useLiveInvalidate(['notification:new'], [useNotificationKey()], 150);
  const unread = data?.unread_count ?? 0;
  return (
    <Link
      href={href}
      className="relative inline-flex size-9 items-center justify-center rounded-md text-muted-foreground outline-none hover:bg-accent hover:text-accent-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
      aria-label={unread ? `${t('bell')}: ${t('unreadBadge', { count: unread })}` : t('bell')}
      data-testid="notification-bell"
    >
      <BellIcon className="size-4" aria-hidden />
      {unread > 0 && (
        <span
          className="absolute top-1 right-1 flex h-4 min-w-4 items-center justify-center rounded-full bg-destructive px-1 text-[10px] leading-none font-semibold text-white tabular-nums"
          data-testid="notification-bell-count"
        >
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}
