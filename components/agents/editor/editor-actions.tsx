'use client';
// The editor header's actions: try the agent in the test chat; the menu duplicates or deletes it.
import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CopyIcon, FlaskConicalIcon, MoreHorizontalIcon, Trash2Icon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/sonner';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { api } from '../api-client';
import { agentKeys, type FullAgent } from '../types';
import { useErrorToast } from '../use-api-errors';
import { ConfirmDelete } from '../confirm-delete';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';

export function EditorActions({ agent }: { agent: FullAgent }) {
  const wsHref = useWorkspaceHref();
  const t = useTranslations('agents.list');
  const tc = useTranslations('testChat');
  const router = useRouter();
  const qc = useQueryClient();
  const showError = useErrorToast();
  const [deleting, setDeleting] = useState(false);

  const duplicate = useMutation({
    mutationFn: () => api<{ agent: FullAgent }>('POST', `/api/agents/${agent.id}/duplicate`),
    onSuccess: ({ agent: copy }) => {
      toast.success(t('duplicated', { name: copy.name }));
      void qc.invalidateQueries({ queryKey: agentKeys.lists() });
      router.push(wsHref(`/agents/${copy.id}`));
    },
    onError: showError,
  });
  const remove = useMutation({
    mutationFn: () => api<void>('DELETE', `/api/agents/${agent.id}`),
    onSuccess: () => {
      toast.success(t('deleted', { name: agent.name }));
      qc.removeQueries({ queryKey: agentKeys.detail(agent.id) });
      void qc.invalidateQueries({ queryKey: agentKeys.lists() });
      router.push(wsHref('/agents'));
    },
    onError: showError,
  });

  return (
    <div className="flex shrink-0 items-center gap-2">
      <Button variant="outline" asChild data-testid="agent-test-chat">
        <Link href={wsHref(`/test-chat?agent=${agent.id}`)} aria-label={tc('testThisAgent')}>
          <FlaskConicalIcon aria-hidden />
          <span className="hidden sm:inline">{tc('testThisAgent')}</span>
        </Link>
      </Button>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" size="icon" aria-label={t('actionsFor', { name: agent.name })} data-testid="agent-editor-menu">
            <MoreHorizontalIcon aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-44">
          <DropdownMenuItem onSelect={() => duplicate.mutate()} disabled={duplicate.isPending} data-testid="agent-editor-duplicate">
            <CopyIcon aria-hidden />
            {t('duplicate')}
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem variant="destructive" onSelect={() => setDeleting(true)} data-testid="agent-editor-delete">
            <Trash2Icon aria-hidden />
            {t('delete')}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <ConfirmDelete
        open={deleting}
        onOpenChange={setDeleting}
        title={t('deleteTitle', { name: agent.name })}
        description={t('deleteDescription')}
        pending={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
    </div>
  );
}
