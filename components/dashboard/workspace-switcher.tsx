'use client';
// The current workspace, and a menu to move to another one the user belongs to.
import { useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { CheckIcon, ChevronsUpDownIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { cn } from '@/lib/utils/cn';
import { switchWorkspaceAction } from '@/app/(dashboard)/w/[slug]/actions';
import { serverErrorOf, useErrorText } from '@/components/forms/errors';
import { workspacePath } from '@/lib/workspaces/paths';
import { initials } from './initials';
import type { ShellWorkspace } from './shell-types';

function WorkspaceMark({ name, className }: { name: string; className?: string }) {
  return (
    <span
      aria-hidden
      className={cn(
        'flex size-8 shrink-0 items-center justify-center rounded-md bg-gradient-to-br from-primary/90 to-primary text-xs font-semibold text-primary-foreground',
        className,
      )}
    >
      {initials(name)}
    </span>
  );
}

export function WorkspaceSwitcher({ current, all }: { current: ShellWorkspace; all: ShellWorkspace[] }) {
  const t = useTranslations('nav.workspace');
  const roles = useTranslations('common.roles');
  const errorText = useErrorText();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  const select = (ws: ShellWorkspace) => {
    if (ws.id === current.id) return;
    startTransition(async () => {
      const result = await switchWorkspaceAction({ workspace_id: ws.id });
      const err = serverErrorOf(result);
      if (err) {
        toast.error(errorText(err));
        return;
      }
      toast.success(t('switched', { name: ws.name }));
      // The URL names the workspace: this tab moves; other tabs stay where they are.
      router.push(workspacePath(ws.slug));
    });
  };

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        data-testid="workspace-switcher"
        className="flex w-full items-center gap-3 rounded-lg p-2 text-left outline-none transition-colors hover:bg-sidebar-accent/70 focus-visible:ring-[3px] focus-visible:ring-sidebar-ring/50 data-[state=open]:bg-sidebar-accent"
      >
        <WorkspaceMark name={current.name} />
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-semibold" data-testid="workspace-name">
            {current.name}
          </span>
          <span className="block truncate text-xs text-muted-foreground">{roles(current.role)}</span>
        </span>
        {pending ? <Spinner className="text-muted-foreground" /> : <ChevronsUpDownIcon className="size-4 text-muted-foreground" aria-hidden />}
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-72">
        <DropdownMenuLabel className="text-xs font-medium text-muted-foreground">{t('label')}</DropdownMenuLabel>
        {all.map((ws) => (
          <DropdownMenuItem
            key={ws.id}
            onSelect={() => select(ws)}
            data-testid="workspace-option"
            className="gap-2.5 py-2"
          >
            <WorkspaceMark name={ws.name} className="size-6 rounded text-[10px]" />
            <span className="min-w-0 flex-1 truncate">{ws.name}</span>
            <Badge variant="secondary" className="font-normal">
              {roles(ws.role)}
            </Badge>
            <CheckIcon className={cn('size-4 text-primary', ws.id !== current.id && 'invisible')} aria-hidden />
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
