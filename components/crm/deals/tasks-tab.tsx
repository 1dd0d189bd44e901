'use client';
// Tasks of the deal: tick done, add one with an optional due date.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { PlusIcon } from 'lucide-react';
import { api } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/utils/cn';
import { useTasks } from './queries';
import { dealKeys } from './types';

export function TasksTab({ id, canWrite }: { id: string; canWrite: boolean }) {
  const t = useTranslations('deals.tasks');
  const fmt = useTimeFormat();
  const qc = useQueryClient();
  const showError = useErrorToast();
  const q = useTasks(id);
  const [text, setText] = useState('');
  const [due, setDue] = useState('');
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: dealKeys.tasks(id) });
    void qc.invalidateQueries({ queryKey: dealKeys.events(id) });
  };
  const create = useMutation({
    mutationFn: () =>
      api('POST', '/api/tasks', { text: text.trim(), conversation_id: id, due_at: due ? new Date(due).toISOString() : undefined }),
    onSuccess: () => (setText(''), setDue(''), refresh()),
    onError: showError,
  });
  const toggle = useMutation({
    mutationFn: ({ taskId, done }: { taskId: string; done: boolean }) => api('PATCH', `/api/tasks/${taskId}`, { done }),
    onSuccess: refresh,
    onError: showError,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) create.mutate();
  };

  return (
    <div className="space-y-3" data-testid="deal-tasks">
      {canWrite && (
        <form onSubmit={submit} className="flex flex-wrap gap-2">
          <Input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('new')} aria-label={t('new')} className="min-w-40 flex-1" data-testid="task-text" />
          <Input type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} aria-label={t('due')} className="w-auto" />
          <Button type="submit" size="icon" aria-label={t('add')} disabled={create.isPending || !text.trim()}>
            <PlusIcon aria-hidden />
          </Button>
        </form>
      )}
      {q.isPending ? (
        <Skeleton className="h-20 w-full" />
      ) : !q.data?.length ? (
        <p className="py-4 text-center text-sm text-muted-foreground">{t('empty')}</p>
      ) : (
        <ul className="space-y-2">
          {q.data.map((task) => (
            <li key={task.id} className="flex items-start gap-2 rounded-md border p-2 text-sm">
              <Checkbox
                checked={task.done}
                onCheckedChange={(c) => toggle.mutate({ taskId: task.id, done: c === true })}
                disabled={!canWrite}
                aria-label={task.text}
                className="mt-0.5"
              />
              <div className="min-w-0 flex-1">
                <p className={cn('break-words', task.done && 'text-muted-foreground line-through')}>{task.text}</p>
                <p className={cn('text-xs text-muted-foreground', task.overdue && 'text-destructive')}>
                  {task.due_at ? t('dueAt', { when: fmt.dateTime(task.due_at) }) : t('noDue')}
                  {task.responsible && ` · ${task.responsible.name}`}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
