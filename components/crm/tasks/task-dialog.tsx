'use client';
// A new task: text, due date and time (the workspace's clock), responsible, client or deal.
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { DialogFooter } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { api, apiGet } from '@/components/agents/api-client';
import { FormDialog, stickyFooterClass } from '@/components/agents/form-dialog';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { LinkPicker, type TaskLink } from './link-picker';
import { wallTimeToIso } from './group-tasks';
import { taskKeys } from './types';

interface Member {
  user_id: string;
  full_name: string | null;
  email: string;
}

export function TaskDialog({ open, onClose, userId }: { open: boolean; onClose: () => void; userId: string }) {
  const t = useTranslations('crmSetup.tasks');
  const qc = useQueryClient();
  const showError = useErrorToast();
  const time = useTimeFormat();
  const [text, setText] = useState('');
  const [due, setDue] = useState('');
  const [responsible, setResponsible] = useState(userId);
  const [link, setLink] = useState<TaskLink | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const members = useQuery({
    queryKey: ['team', 'members'],
    enabled: open,
    queryFn: ({ signal }) => apiGet<{ members: Member[] }>('/api/team', signal).then((r) => r.members),
  });

  useEffect(() => {
    if (!open) return;
    setText('');
    setDue('');
    setResponsible(userId);
    setLink(null);
    setErrors({});
  }, [open, userId]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!text.trim()) errs.text = t('errors.text');
    if (!link) errs.link = t('errors.link');
    const dueAt = due ? wallTimeToIso(due, time.timeZone) : null;
    if (due && !dueAt) errs.due = t('errors.due');
    setErrors(errs);
    if (Object.keys(errs).length || !link) return;
    setBusy(true);
    try {
      await api('POST', '/api/tasks', {
        text: text.trim(),
        due_at: dueAt,
        responsible_user_id: responsible || null,
        ...(link.kind === 'client' ? { client_id: link.id } : { conversation_id: link.id }),
      });
      toast.success(t('created'));
      await qc.invalidateQueries({ queryKey: taskKeys.all() });
      onClose();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const dirty = !!(text || due || link);
  return (
    <FormDialog open={open} onClose={onClose} dirty={dirty} busy={busy} title={t('newTitle')} testId="task-dialog">
      <form onSubmit={submit} className="space-y-4" noValidate>
        <div className="space-y-1.5">
          <Label htmlFor="task-text">{t('text')}</Label>
          <Textarea id="task-text" value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={2000} aria-invalid={errors.text ? true : undefined} data-testid="task-text" />
          {errors.text && <p className="text-xs text-destructive">{errors.text}</p>}
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="space-y-1.5">
            <Label htmlFor="task-due">{t('due')}</Label>
            <Input id="task-due" type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} aria-describedby="task-due-zone" data-testid="task-due" />
            <p id="task-due-zone" className="text-xs text-muted-foreground">
              {time.zoneLabel()}
            </p>
            {errors.due && <p className="text-xs text-destructive">{errors.due}</p>}
          </div>
          <div className="space-y-1.5">
            <Label>{t('responsible')}</Label>
            <Select value={responsible} onValueChange={setResponsible}>
              <SelectTrigger className="w-full" aria-label={t('responsible')} data-testid="task-responsible">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {(members.data ?? [{ user_id: userId, full_name: t('me'), email: '' }]).map((m) => (
                  <SelectItem key={m.user_id} value={m.user_id}>
                    {m.full_name || m.email}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
        </div>
        <div className="space-y-1.5">
          <p className="text-sm font-medium">{t('linkTo')}</p>
          <LinkPicker value={link} onChange={setLink} invalid={!!errors.link} />
          {errors.link && <p className="text-xs text-destructive">{errors.link}</p>}
        </div>
        <DialogFooter className={stickyFooterClass}>
          <Button type="button" variant="outline" onClick={onClose} disabled={busy}>
            {t('cancel')}
          </Button>
          <Button type="submit" disabled={busy} data-testid="task-submit">
            {busy && <Spinner aria-hidden />}
            {t('create')}
          </Button>
        </DialogFooter>
      </form>
    </FormDialog>
  );
}
