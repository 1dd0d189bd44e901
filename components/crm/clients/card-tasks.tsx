'use client';
// The client's tasks: add with a due date and a responsible person, tick done (optimistic).
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { PlusIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Checkbox } from '@/components/ui/checkbox';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { api } from '@/components/agents/api-client';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { cn } from '@/lib/utils/cn';
import { clientKeys, type Client } from './types';
import { useMembers } from './use-crm-data';
import { CardSection, Muted } from './card-section';
import { useCardMutation } from './use-card';

const NOBODY = '__nobody__';

export function CardTasks({ client, canWrite }: { client: Client; canWrite: boolean }) {
  const t = useTranslations('clients.card.tasks');
  const fmt = useTimeFormat();
  const qc = useQueryClient();
  const members = useMembers();
  const [adding, setAdding] = useState(false);
  const [text, setText] = useState('');
  const [due, setDue] = useState('');
  const [responsible, setResponsible] = useState(NOBODY);
  const add = useCardMutation(
    client.id,
    () =>
      api('POST', '/api/tasks', {
        text: text.trim(),
        client_id: client.id,
        due_at: due ? new Date(due).toISOString() : null,
        responsible_user_id: responsible === NOBODY ? null : responsible,
      }),
    {
      onSuccess: () => {
        setText('');
        setDue('');
        setResponsible(NOBODY);
        setAdding(false);
      },
    },
  );
  const toggle = useCardMutation(client.id, ({ id, done }: { id: string; done: boolean }) => {
    // Ticked at once; the card refetch afterwards brings the server's word (or undoes it on error).
    qc.setQueryData<Client>(clientKeys.card(client.id), (c) => c && { ...c, tasks: c.tasks.map((x) => (x.id === id ? { ...x, done } : x)) });
    return api('PATCH', `/api/tasks/${id}`, { done });
  }, { onError: () => void qc.invalidateQueries({ queryKey: clientKeys.card(client.id) }) });

  const tasks = [...client.tasks].sort((a, b) => Number(a.done) - Number(b.done));
  return (
    <CardSection
      title={t('title')}
      testId="card-tasks"
      action={
        canWrite &&
        !adding && (
          <Button size="sm" variant="ghost" onClick={() => setAdding(true)} data-testid="task-add">
            <PlusIcon aria-hidden />
            {t('add')}
          </Button>
        )
      }
    >
      {tasks.length === 0 && !adding && <Muted>{t('empty')}</Muted>}
      <ul className="space-y-2">
        {tasks.map((task) => (
          <li key={task.id} className="flex items-start gap-2 text-sm" data-testid="task-item">
            <Checkbox
              className="mt-0.5"
              checked={task.done}
              disabled={!canWrite || toggle.isPending}
              onCheckedChange={(c) => toggle.mutate({ id: task.id, done: c === true })}
              aria-label={t('done')}
              data-testid="task-done"
            />
            <div className="min-w-0 flex-1">
              <p className={cn('break-words', task.done && 'text-muted-foreground line-through')}>{task.text}</p>
              <p className="text-xs text-muted-foreground">
                {task.due_at && <span className={cn(task.overdue && !task.done && 'font-medium text-destructive')}>{fmt.dateTime(task.due_at)}</span>}
                {task.due_at && task.responsible && ' · '}
                {task.responsible?.name}
              </p>
            </div>
          </li>
        ))}
      </ul>
      {adding && (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) add.mutate(undefined);
          }}
        >
          <Input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('placeholder')} aria-label={t('placeholder')} data-testid="task-text" />
          <div className="grid gap-2 sm:grid-cols-2">
            <Input type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} aria-label={t('due')} data-testid="task-due" />
            <Select value={responsible} onValueChange={setResponsible}>
              <SelectTrigger className="w-full" aria-label={t('responsible')} data-testid="task-responsible">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={NOBODY}>{t('nobody')}</SelectItem>
                {members.data?.map((m) => (
                  <SelectItem key={m.user_id} value={m.user_id}>
                    {m.full_name || m.email}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <div className="flex justify-end gap-2">
            <Button type="button" size="sm" variant="outline" onClick={() => setAdding(false)}>
              {t('cancel')}
            </Button>
            <Button type="submit" size="sm" disabled={add.isPending || !text.trim()} data-testid="task-save">
              {t('save')}
            </Button>
          </div>
        </form>
      )}
    </CardSection>
  );
}
