'use client';
// Triggers: "when this happens, do that", each with an on/off switch, edited in a dialog.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { PencilIcon, PlusIcon, Trash2Icon, ZapIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Switch } from '@/components/ui/switch';
import { EmptyState } from '@/components/ui/empty-state';
import type { Trigger } from '../../types';
import { ConfirmDelete } from '../../confirm-delete';
import { useEditor, usePatchAgentCache } from '../editor-context';
import { useListToggle } from '../use-list-toggle';
import { useListRemove } from '../use-list-remove';
import { Section } from '../section';
import { TriggerDialog } from './trigger-dialog';

export function TriggersTab() {
  const t = useTranslations('agents.triggers');
  const { agent, canWrite } = useEditor();
  const patchCache = usePatchAgentCache();
  const toggle = useListToggle('triggers');
  const [editing, setEditing] = useState<Trigger | 'new' | null>(null);
  const { deleting, setDeleting, remove } = useListRemove<Trigger>('triggers', t('deleted'));
  const triggers = agent.triggers;

  const addButton = canWrite && (
    <Button type="button" variant="outline" size="sm" onClick={() => setEditing('new')} data-testid="trigger-add">
      <PlusIcon aria-hidden />
      {t('add')}
    </Button>
  );

  return (
    <Section title={t('title')} description={t('description')} actions={triggers.length > 0 && addButton} testId="triggers">
      {triggers.length === 0 ? (
        <EmptyState icon={<ZapIcon />} title={t('empty.title')} description={t('empty.description')} action={addButton} />
      ) : (
        <ul className="divide-y rounded-lg border">
          {triggers.map((tr) => (
            <li key={tr.id} className="flex items-start gap-3 px-3 py-3 sm:px-4" data-testid="trigger-row">
              <Switch
                checked={tr.is_active}
                disabled={!canWrite}
                onCheckedChange={(is_active) => toggle.mutate({ id: tr.id, is_active })}
                aria-label={t('toggle', { name: tr.name })}
                className="mt-0.5"
                data-testid="trigger-toggle"
              />
              <div className="min-w-0 flex-1 space-y-1.5">
                <p className="truncate text-sm font-medium" data-testid="trigger-name">
                  {tr.name}
                </p>
                <p className="line-clamp-2 text-sm text-pretty text-muted-foreground">{tr.condition}</p>
                <div className="flex flex-wrap gap-1.5">
                  {tr.actions.map((a) => (
                    <Badge key={a.id} variant="secondary" className="font-normal">
                      {t(`actionTypes.${a.action_type as 'send_message'}`)}
                    </Badge>
                  ))}
                  <Badge variant="outline" className="font-normal">
                    {tr.run_limit ? t('runs', { count: tr.runs_count, limit: tr.run_limit }) : t('runsUnlimited', { count: tr.runs_count })}
                  </Badge>
                </div>
              </div>
              <div className="flex shrink-0 items-center gap-0.5">
                <Button variant="ghost" size="icon" className="size-8" onClick={() => setEditing(tr)} aria-label={canWrite ? t('edit') : t('view')} data-testid="trigger-edit">
                  <PencilIcon aria-hidden />
                </Button>
                {canWrite && (
                  <Button variant="ghost" size="icon" className="size-8" onClick={() => setDeleting(tr)} aria-label={t('delete')} data-testid="trigger-delete">
                    <Trash2Icon aria-hidden />
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <TriggerDialog
        trigger={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) =>
          patchCache({ triggers: triggers.some((x) => x.id === saved.id) ? triggers.map((x) => (x.id === saved.id ? saved : x)) : [...triggers, saved] })
        }
      />
      <ConfirmDelete
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t('deleteTitle', { name: deleting?.name ?? '' })}
        pending={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
      />
    </Section>
  );
}
