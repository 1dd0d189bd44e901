'use client';
// Triggers: "when this happens, do that", each with an on/off switch, edited in a dialog.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { PlusIcon, ZapIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import type { Trigger } from '../../types';
import { ConfirmDelete } from '../../confirm-delete';
import { useEditor, usePatchAgentCache } from '../editor-context';
import { useListToggle } from '../use-list-toggle';
import { useListRemove } from '../use-list-remove';
import { Section } from '../section';
import { ToggleListRow, upsertById } from '../toggle-list-row';
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
            <ToggleListRow
              key={tr.id}
              testId="trigger"
              name={tr.name}
              isActive={tr.is_active}
              canWrite={canWrite}
              labels={{ toggle: t('toggle', { name: tr.name }), edit: canWrite ? t('edit') : t('view'), delete: t('delete') }}
              onToggle={(is_active) => toggle.mutate({ id: tr.id, is_active })}
              onEdit={() => setEditing(tr)}
              onDelete={() => setDeleting(tr)}
            >
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
            </ToggleListRow>
          ))}
        </ul>
      )}
      <TriggerDialog
        trigger={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) =>
          patchCache({ triggers: upsertById(triggers, saved) })
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
