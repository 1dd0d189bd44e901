'use client';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { ChevronRightIcon } from 'lucide-react';
import { LocaleSwitcher } from '@/components/preferences/locale-switcher';
import { ThemeToggle } from '@/components/preferences/theme-toggle';
import { NotificationBell } from '@/components/notifications/notification-bell';
import { MobileSidebar } from './mobile-sidebar';
import { SidebarContent } from './sidebar-content';
import { UserMenu } from './user-menu';
import { sectionFor } from './nav-items';
import type { ShellUser, ShellWorkspace } from './shell-types';

export function TopBar({
  user,
  workspace,
  workspaces,
}: {
  user: ShellUser;
  workspace: ShellWorkspace;
  workspaces: ShellWorkspace[];
}) {
  const t = useTranslations('nav.sections');
  const section = sectionFor(usePathname());
  return (
    <header className="sticky top-0 z-20 flex h-14 items-center gap-3 border-b bg-background/85 px-4 backdrop-blur supports-[backdrop-filter]:bg-background/70 sm:px-6 lg:px-8">
      <MobileSidebar>
        {(close) => <SidebarContent workspace={workspace} workspaces={workspaces} onNavigate={close} />}
      </MobileSidebar>
      <div className="flex min-w-0 flex-1 items-center gap-1.5 text-sm">
        <span className="hidden max-w-48 truncate text-muted-foreground sm:inline">{workspace.name}</span>
        <ChevronRightIcon className="hidden size-3.5 shrink-0 text-muted-foreground/60 sm:inline" aria-hidden />
        <span className="truncate font-medium" data-testid="page-title">
          {t(section?.key ?? 'overview')}
        </span>
      </div>
      <div className="flex items-center gap-1">
        <NotificationBell />
        <LocaleSwitcher persist />
        <ThemeToggle persist />
        <div className="ml-1.5">
          <UserMenu user={user} />
        </div>
      </div>
    </header>
  );
}
