'use client';
// "My tasks": overdue first (red), then today, later and without a date; mine or everyone's,
// done ones on request; tick to complete (optimistic), links to the client or deal.
import { useMemo, useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CalendarClockIcon, ListChecksIcon, PlusIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { Switch } from '@/components/ui/switch';
import { ViewerNote } from '@/components/agents/viewer-note';
import { api, apiGet, query } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';
import { cn } from '@/lib/utils/cn';
import { groupTasks } from './group-tasks';
import { TaskDialog } from './task-dialog';
import { taskKeys, type Task, type TaskGroup } from './types';

const GROUPS: TaskGroup[] = ['overdue', 'today', 'later', 'noDate', 'done'];

export function MyTasks({ canWrite, userId }: { canWrite: boolean; userId: string }) {
  const t = useTranslations('crmSetup.tasks');
  const time = useTimeFormat();
  const qc = useQueryClient();
  const showError = useErrorToast();
  const [mine, setMine] = useState(true);
  const [showDone, setShowDone] = useState(false);
  const [creating, setCreating] = useState(false);
  const key = taskKeys.list({ mine, done: showDone });

  const tasks = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      apiGet<{ data: Task[] }>(`/api/tasks${query({ mine: mine ? 'true' : undefined, done: showDone ? undefined : 'false', limit: 200 })}`, signal).then((r) => r.data),
  });

  const toggle = useMutation({
    mutationFn: (task: Task) => api<{ task: Task }>('PATCH', `/api/tasks/${task.id}`, { done: !task.done }),
    onMutate: async (task) => {
      await qc.cancelQueries({ queryKey: key });
      const prev = qc.getQueryData<Task[]>(key);
      qc.setQueryData<Task[]>(key, (list) =>
        list?.map((x) => (x.id === task.id ? { ...x, done: !x.done, overdue: false, done_at: x.done ? null : new Date().toISOString() } : x)),
      );
      return { prev };
    },
    onError: (err, _task, ctx) => {
      if (ctx?.prev) qc.setQueryData(key, ctx.prev);
      showError(err);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: taskKeys.all() }),
  });

  const groups = useMemo(() => groupTasks(tasks.data ?? [], new Date(), time.timeZone), [tasks.data, time.timeZone]);

  return (
    <div className="space-y-6" data-testid="tasks-page">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          canWrite && (
            <Button onClick={() => setCreating(true)} data-testid="task-new">
              <PlusIcon aria-hidden />
              {t('new')}
            </Button>
          )
        }
      />
      {!canWrite && <ViewerNote />}
      <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
        <div className="inline-flex rounded-md border p-0.5" role="group" aria-label={t('whose')}>
          {[true, false].map((m) => (
            <button
              key={String(m)}
              type="button"
              aria-pressed={mine === m}
              onClick={() => setMine(m)}
              data-testid={m ? 'tasks-filter-mine' : 'tasks-filter-all'}
              className={cn('rounded px-3 py-1 text-sm', mine === m ? 'bg-secondary font-medium text-secondary-foreground' : 'text-muted-foreground hover:text-foreground')}
            >
              {m ? t('mine') : t('all')}
            </button>
          ))}
        </div>
        <label className="flex items-center gap-2 text-sm">
          <Switch checked={showDone} onCheckedChange={setShowDone} data-testid="tasks-show-done" />
          {t('showDone')}
        </label>
      </div>
      {tasks.isPending ? (
        <div className="space-y-2">
          <Skeleton className="h-14" />
          <Skeleton className="h-14" />
        </div>
      ) : !tasks.data?.length ? (
        <EmptyState icon={<ListChecksIcon />} title={t('empty')} description={mine ? t('emptyMine') : undefined} />
      ) : (
        GROUPS.filter((g) => groups[g].length).map((g) => (
          <section key={g} aria-labelledby={`tasks-${g}`} data-testid={`tasks-group-${g}`}>
            <h2 id={`tasks-${g}`} className={cn('mb-2 text-sm font-semibold', g === 'overdue' ? 'text-destructive' : 'text-muted-foreground')}>
              {t(`groups.${g}`)} · {groups[g].length}
            </h2>
            <ul className="divide-y rounded-xl border bg-card">
              {groups[g].map((task) => (
                <TaskRow
                  key={task.id}
                  task={task}
                  overdue={g === 'overdue'}
                  canWrite={canWrite}
                  isMine={task.responsible_user_id === userId}
                  onToggle={() => toggle.mutate(task)}
                />
              ))}
            </ul>
          </section>
        ))
      )}
      <TaskDialog open={creating} onClose={() => setCreating(false)} userId={userId} />
    </div>
  );
}

function TaskRow({ task, overdue, canWrite, isMine, onToggle }: { task: Task; overdue: boolean; canWrite: boolean; isMine: boolean; onToggle: () => void }) {
  const t = useTranslations('crmSetup.tasks');
  const time = useTimeFormat();
  const wsHref = useWorkspaceHref();
  const id = `task-${task.id}`;
  return (
    <li className="flex items-start gap-3 p-3 sm:p-4" data-testid="task-row" data-done={task.done}>
      <Checkbox
        id={id}
        checked={task.done}
        onCheckedChange={onToggle}
        disabled={!canWrite}
        className="mt-0.5"
        aria-label={task.done ? t('markOpen', { text: task.text }) : t('markDone', { text: task.text })}
        data-testid="task-done"
      />
      <div className="min-w-0 flex-1 space-y-1">
        <label htmlFor={id} className={cn('block text-sm break-words', task.done && 'text-muted-foreground line-through')}>
          {task.text}
        </label>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
          {task.due_at && (
            <span className={cn('inline-flex items-center gap-1', overdue && 'font-medium text-destructive')}>
              <CalendarClockIcon className="size-3.5" aria-hidden />
              {time.dateTime(task.due_at)}
            </span>
          )}
          {task.conversation_id ? (
            <Link prefetch={false} className="text-primary underline-offset-4 hover:underline" href={wsHref(`/deals?deal=${task.conversation_id}`)}>
              {task.client ? t('dealOf', { name: task.client.name }) : t('deal')}
            </Link>
          ) : task.client ? (
            <Link prefetch={false} className="text-primary underline-offset-4 hover:underline" href={wsHref(`/clients/${task.client.id}`)}>
              {task.client.name}
            </Link>
          ) : null}
          {task.responsible && !isMine && <span>{t('responsibleIs', { name: task.responsible.name })}</span>}
        </div>
      </div>
    </li>
  );
}
