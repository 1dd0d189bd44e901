'use client';
// Notes on the deal, newest first; add one.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { api } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { Textarea } from '@/components/ui/textarea';
import { useNotes } from './queries';
import { dealKeys } from './types';

export function NotesTab({ id, canWrite }: { id: string; canWrite: boolean }) {
  const t = useTranslations('deals.notes');
  const fmt = useTimeFormat();
  const qc = useQueryClient();
  const showError = useErrorToast();
  const q = useNotes(id);
  const [text, setText] = useState('');
  const create = useMutation({
    mutationFn: () => api('POST', '/api/notes', { text: text.trim(), conversation_id: id }),
    onSuccess: () => {
      setText('');
      void qc.invalidateQueries({ queryKey: dealKeys.notes(id) });
      void qc.invalidateQueries({ queryKey: dealKeys.events(id) });
    },
    onError: showError,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) create.mutate();
  };
  return (
    <div className="space-y-3" data-testid="deal-notes">
      {canWrite && (
        <form onSubmit={submit} className="space-y-2">
          <Textarea value={text} onChange={(e) => setText(e.target.value)} placeholder={t('new')} aria-label={t('new')} rows={3} data-testid="note-text" />
          <div className="flex justify-end">
            <Button type="submit" size="sm" disabled={create.isPending || !text.trim()}>
              {t('add')}
            </Button>
          </div>
        </form>
      )}
      {q.isPending ? (
        <Skeleton className="h-20 w-full" />
      ) : !q.data?.length ? (
        <p className="py-4 text-center text-sm text-muted-foreground">{t('empty')}</p>
      ) : (
        <ul className="space-y-2">
          {q.data.map((n) => (
            <li key={n.id} className="rounded-md border p-2 text-sm">
              <p className="break-words whitespace-pre-wrap">{n.text}</p>
              <p className="mt-1 text-xs text-muted-foreground">
                {n.author?.name ?? '—'} · {fmt.dateTime(n.created_at)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
