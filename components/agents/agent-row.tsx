'use client';
// One agent in the list: link to the editor, model, optimistic active switch, counters, actions menu.
import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { BotIcon, CopyIcon, MoreHorizontalIcon, PencilIcon, Trash2Icon, TriangleAlertIcon } from 'lucide-react';
import { modelById } from '@/lib/ai/models';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Switch } from '@/components/ui/switch';
import { TableCell, TableRow } from '@/components/ui/table';
import { toast } from '@/components/ui/sonner';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { api } from './api-client';
import { agentKeys, type AgentSummary, type FullAgent } from './types';
import { useErrorToast } from './use-api-errors';
import { useToggleAgent } from './use-toggle-agent';
import { ReadinessBadge } from './readiness-badge';
import type { Readiness } from '@/lib/agents/check-readiness';
import { ConfirmDelete } from './confirm-delete';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';

export function AgentRow({ agent, canWrite }: { agent: AgentSummary & { crm_warnings?: number; readiness?: Readiness }; canWrite: boolean }) {
  const wsHref = useWorkspaceHref();
  const t = useTranslations('agents.list');
  const tw = useTranslations('agentsCrm.warnings');
  const format = useFormatter();
  const time = useTimeFormat();
  const router = useRouter();
  const qc = useQueryClient();
  const showError = useErrorToast();
  const toggle = useToggleAgent();
  const [deleting, setDeleting] = useState(false);
  const href = wsHref(`/agents/${agent.id}`);

  const duplicate = useMutation({
    mutationFn: () => api<{ agent: FullAgent }>('POST', `/api/agents/${agent.id}/duplicate`),
    onSuccess: ({ agent: copy }) => {
      toast.success(t('duplicated', { name: copy.name }));
      void qc.invalidateQueries({ queryKey: agentKeys.lists() });
    },
    onError: showError,
  });
  const remove = useMutation({
    mutationFn: () => api<void>('DELETE', `/api/agents/${agent.id}`),
    onSuccess: () => {
      toast.success(t('deleted', { name: agent.name }));
      setDeleting(false);
      void qc.invalidateQueries({ queryKey: agentKeys.lists() });
    },
    onError: showError,
  });

  return (
    <TableRow data-testid="agent-row" data-agent-id={agent.id}>
      {/* w-full + max-w-0: the name takes the spare width and truncates instead of widening the table. */}
      <TableCell className="w-full max-w-0 pl-4">
        <Link href={href} className="group flex min-w-0 items-center gap-3 outline-none" data-testid="agent-row-link">
          <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-accent text-accent-foreground">
            <BotIcon className="size-4" aria-hidden />
          </span>
          <span className="min-w-0">
            <span className="block truncate font-medium group-hover:underline group-focus-visible:underline" data-testid="agent-row-name">
              {agent.name}
            </span>
            <span className="block text-xs text-muted-foreground">
              {t('createdAt', { date: time.date(agent.created_at) })}
            </span>
            {!!agent.crm_warnings && (
              <Badge variant="warning" className="mt-1 gap-1 font-normal" data-testid="agent-row-crm-warnings">
                <TriangleAlertIcon aria-hidden />
                {tw('badge')}
              </Badge>
            )}
          </span>
        </Link>
      </TableCell>
      <TableCell className="hidden md:table-cell">
        <Badge variant="secondary" className="font-normal">
          {modelById(agent.model)?.label ?? agent.model}
        </Badge>
      </TableCell>
      <TableCell>
        <div className="flex items-center gap-2">
          <Switch
            checked={agent.is_active}
            disabled={!canWrite}
            onCheckedChange={(is_active) => toggle.mutate({ id: agent.id, is_active })}
            aria-label={t('toggleLabel', { name: agent.name })}
            data-testid="agent-row-toggle"
          />
          {agent.readiness ? (
            <ReadinessBadge readiness={agent.readiness} className="hidden font-normal sm:inline-flex" />
          ) : (
            <span className="hidden text-xs text-muted-foreground lg:inline">{agent.is_active ? t('statusActive') : t('statusInactive')}</span>
          )}
        </div>
      </TableCell>
      <TableCell className="hidden text-right tabular-nums sm:table-cell">{format.number(agent.total_messages)}</TableCell>
      <TableCell className="hidden text-right tabular-nums sm:table-cell">{format.number(agent.total_conversations)}</TableCell>
      <TableCell className="pr-4 text-right">
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="ghost" size="icon" className="size-8" aria-label={t('actionsFor', { name: agent.name })} data-testid="agent-row-menu">
              <MoreHorizontalIcon aria-hidden />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end" className="w-44">
            <DropdownMenuItem onSelect={() => router.push(href)} data-testid="agent-row-edit">
              <PencilIcon aria-hidden />
              {canWrite ? t('edit') : t('open')}
            </DropdownMenuItem>
            {canWrite && (
              <>
                <DropdownMenuItem onSelect={() => duplicate.mutate()} disabled={duplicate.isPending} data-testid="agent-row-duplicate">
                  <CopyIcon aria-hidden />
                  {t('duplicate')}
                </DropdownMenuItem>
                <DropdownMenuSeparator />
                <DropdownMenuItem variant="destructive" onSelect={() => setDeleting(true)} data-testid="agent-row-delete">
                  <Trash2Icon aria-hidden />
                  {t('delete')}
                </DropdownMenuItem>
              </>
            )}
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
      </TableCell>
    </TableRow>
  );
}
