'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { FileCode2Icon, LogOutIcon, SettingsIcon, UserRoundIcon } from 'lucide-react';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { toast } from '@/components/ui/sonner';
import { logoutAction } from '@/app/(dashboard)/w/[slug]/actions';
import { UserAvatar } from './user-avatar';
import type { ShellUser } from './shell-types';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';

export function UserMenu({ user }: { user: ShellUser }) {
  const wsHref = useWorkspaceHref();
  const t = useTranslations('nav.userMenu');
  const common = useTranslations('common');
  const nav = useTranslations('nav');
  const [leaving, setLeaving] = useState(false);

  const logout = async () => {
    setLeaving(true);
    const result = await logoutAction();
    if (result?.serverError) {
      setLeaving(false);
      toast.error(common('errors.generic'));
      return;
    }
    // A full load drops every client cache of the old session.
    window.location.assign('/login');
  };

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label={t('label')}
        data-testid="user-menu"
        className="flex rounded-full outline-none ring-offset-2 ring-offset-background transition-shadow focus-visible:ring-[3px] focus-visible:ring-ring/50 data-[state=open]:ring-2 data-[state=open]:ring-ring/40"
      >
        <UserAvatar name={user.name} src={user.avatarUrl} />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="flex items-center gap-3 py-2 font-normal">
          <UserAvatar name={user.name} src={user.avatarUrl} className="size-9" />
          <span className="min-w-0">
            <span className="block truncate text-sm font-medium" data-testid="user-menu-name">
              {user.name}
            </span>
            <span className="block truncate text-xs text-muted-foreground">{user.email}</span>
          </span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuGroup>
          <DropdownMenuItem asChild>
            <Link href={wsHref('/profile')} data-testid="user-menu-profile">
              <UserRoundIcon aria-hidden />
              {t('profile')}
            </Link>
          </DropdownMenuItem>
          <DropdownMenuItem asChild>
            <Link href={wsHref('/settings')} data-testid="user-menu-settings">
              <SettingsIcon aria-hidden />
              {t('settings')}
            </Link>
          </DropdownMenuItem>
          <DropdownMenuItem asChild>
            {/* A plain link: /docs is a route handler outside the app's client router. */}
            <a href="/docs" data-testid="user-menu-api-docs">
              <FileCode2Icon aria-hidden />
              {nav('apiDocs.link')}
            </a>
          </DropdownMenuItem>
        </DropdownMenuGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem
          variant="destructive"
          disabled={leaving}
          onSelect={(e) => {
            e.preventDefault();
            void logout();
          }}
          data-testid="logout"
        >
          <LogOutIcon aria-hidden />
          {t('logout')}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
