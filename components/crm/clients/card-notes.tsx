'use client';
// Notes on the client: add, edit in place, delete.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { PencilIcon, Trash2Icon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/textarea';
import { api } from '@/components/agents/api-client';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import type { Client, Note } from './types';
import { CardSection, Muted } from './card-section';
import { useCardMutation } from './use-card';

function NoteItem({ note, clientId, canWrite }: { note: Note; clientId: string; canWrite: boolean }) {
  const t = useTranslations('clients.card.notes');
  const fmt = useTimeFormat();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const save = useCardMutation(clientId, () => api('PATCH', `/api/notes/${note.id}`, { text: text.trim() }), { onSuccess: () => setEditing(false) });
  const remove = useCardMutation(clientId, () => api('DELETE', `/api/notes/${note.id}`));
  return (
    <li className="space-y-1 rounded-lg border p-3 text-sm" data-testid="note-item">
      {editing ? (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) save.mutate(undefined);
          }}
        >
          <Textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} aria-label={t('placeholder')} data-testid="note-edit-text" />
          <div className="flex justify-end gap-2">
            <Button type="button" size="sm" variant="outline" onClick={() => (setEditing(false), setText(note.text))}>
              {t('cancel')}
            </Button>
            <Button type="submit" size="sm" disabled={save.isPending || !text.trim()} data-testid="note-edit-save">
              {t('save')}
            </Button>
          </div>
        </form>
      ) : (
        <p className="break-words whitespace-pre-wrap">{note.text}</p>
      )}
      <div className="flex items-center gap-2 text-xs text-muted-foreground">
        <span className="min-w-0 flex-1 truncate">
          {note.author?.name ?? t('system')} · {fmt.dateTime(note.created_at)}
        </span>
        {canWrite && !editing && (
          <>
            <Button size="icon" variant="ghost" className="size-7" aria-label={t('edit')} onClick={() => setEditing(true)} data-testid="note-edit">
              <PencilIcon aria-hidden />
            </Button>
            <Button size="icon" variant="ghost" className="size-7" aria-label={t('delete')} onClick={() => remove.mutate(undefined)} disabled={remove.isPending} data-testid="note-delete">
              <Trash2Icon aria-hidden />
            </Button>
          </>
        )}
      </div>
    </li>
  );
}

export function CardNotes({ client, canWrite }: { client: Client; canWrite: boolean }) {
  const t = useTranslations('clients.card.notes');
  const [text, setText] = useState('');
  const add = useCardMutation(client.id, () => api('POST', '/api/notes', { text: text.trim(), client_id: client.id }), { onSuccess: () => setText('') });
  return (
    <CardSection title={t('title')} testId="card-notes">
      {canWrite && (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) add.mutate(undefined);
          }}
        >
          <Textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} placeholder={t('placeholder')} aria-label={t('placeholder')} data-testid="note-text" />
          <div className="flex justify-end">
            <Button type="submit" size="sm" variant="outline" disabled={add.isPending || !text.trim()} data-testid="note-add">
              {t('add')}
            </Button>
          </div>
        </form>
      )}
      {client.notes.length === 0 && <Muted>{t('empty')}</Muted>}
      <ul className="space-y-2">
        {client.notes.map((n) => (
          <NoteItem key={`${n.id}-${n.updated_at}`} note={n} clientId={client.id} canWrite={canWrite} />
        ))}
      </ul>
    </CardSection>
  );
}
