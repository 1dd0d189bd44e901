import type { ReactNode } from 'react';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Logo } from '@/components/dashboard/logo';
import { PreferenceSync } from '@/components/dashboard/preference-sync';
import { SidebarContent } from '@/components/dashboard/sidebar-content';
import { TopBar } from '@/components/dashboard/top-bar';
import { QuotaBanner } from '@/components/notifications/quota-banner';
import type { ShellUser, ShellWorkspace } from '@/components/dashboard/shell-types';
import { WorkspaceProvider } from '@/components/dashboard/workspace-context';
import { LiveEventsProvider } from '@/components/realtime/live-events-provider';
import { workspacePath } from '@/lib/workspaces/paths';
import { getCaller } from './caller';

export default async function DashboardLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const caller = await getCaller(params);
  const t = await getTranslations('common');
  const user: ShellUser = {
    name: caller.user.fullName || caller.user.email,
    email: caller.user.email,
    avatarUrl: caller.user.avatarUrl,
  };
  const ws = caller.workspace;
  const workspace: ShellWorkspace = { id: ws.id, slug: ws.slug, name: ws.name, role: caller.role };
  const workspaces: ShellWorkspace[] = caller.memberships.map((m) => ({
    id: m.workspace.id,
    slug: m.workspace.slug,
    name: m.workspace.name,
    role: m.role,
  }));

  return (
    <WorkspaceProvider workspace={{ id: ws.id, slug: ws.slug, timeZone: ws.timeZone }}>
      <LiveEventsProvider workspaceId={ws.id}>
      <div className="min-h-dvh" data-workspace={ws.slug}>
        <PreferenceSync savedTheme={caller.user.theme} savedLocale={caller.user.locale} currentLocale={await getLocale()} />
        <aside className="fixed inset-y-0 left-0 z-30 hidden w-64 flex-col border-r border-sidebar-border bg-sidebar text-sidebar-foreground lg:flex">
          <div className="flex h-14 shrink-0 items-center border-b border-sidebar-border px-5">
            <Link href={workspacePath(ws.slug)} className="rounded-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
              <Logo name={t('appName')} />
            </Link>
          </div>
          <SidebarContent workspace={workspace} workspaces={workspaces} />
        </aside>
        <div className="flex min-h-dvh flex-col lg:pl-64">
          <TopBar user={user} workspace={workspace} workspaces={workspaces} />
          <QuotaBanner used={ws.aiResponsesUsed} limit={ws.aiResponsesLimit} />
          <main className="flex-1 px-4 py-8 sm:px-6 lg:px-10 lg:py-10">
            <div className="mx-auto w-full max-w-6xl">{children}</div>
          </main>
        </div>
      </div>
      </LiveEventsProvider>
    </WorkspaceProvider>
  );
}
