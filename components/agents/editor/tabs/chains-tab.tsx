'use client';
// Chains: timed follow-ups (steps with a delay and actions), each with an on/off switch.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { ListOrderedIcon, PlusIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import type { Chain } from '../../types';
import { ConfirmDelete } from '../../confirm-delete';
import { useEditor, usePatchAgentCache } from '../editor-context';
import { useListToggle } from '../use-list-toggle';
import { useListRemove } from '../use-list-remove';
import { Section } from '../section';
import { ToggleListRow, upsertById } from '../toggle-list-row';
import { ChainDialog } from './chain-dialog';
import { UNIT_KEYS } from './chain-defaults';
import { ChainRowStats } from '../chain-totals';

export function ChainsTab() {
  const t = useTranslations('agents.chains');
  const { agent, canWrite, vocab } = useEditor();
  const patchCache = usePatchAgentCache();
  const toggle = useListToggle('chains');
  const [editing, setEditing] = useState<Chain | 'new' | null>(null);
  const { deleting, setDeleting, remove } = useListRemove<Chain>('chains', t('deleted'));
  const chains = agent.chains;

  const addButton = canWrite && (
    <Button type="button" variant="outline" size="sm" onClick={() => setEditing('new')} data-testid="chain-add">
      <PlusIcon aria-hidden />
      {t('add')}
    </Button>
  );
  const unit = (u: string) => UNIT_KEYS[(vocab.delayUnits as readonly string[]).indexOf(u)] ?? 'minutes';

  return (
    <Section title={t('title')} description={t('description')} actions={chains.length > 0 && addButton} testId="chains">
      {chains.length === 0 ? (
        <EmptyState icon={<ListOrderedIcon />} title={t('empty.title')} description={t('empty.description')} action={addButton} />
      ) : (
        <ul className="divide-y rounded-lg border">
          {chains.map((c) => (
            <ToggleListRow
              key={c.id}
              testId="chain"
              name={c.name}
              isActive={c.is_active}
              canWrite={canWrite}
              labels={{ toggle: t('toggle', { name: c.name }), edit: canWrite ? t('edit') : t('view'), delete: t('delete') }}
              onToggle={(is_active) => toggle.mutate({ id: c.id, is_active })}
              onEdit={() => setEditing(c)}
              onDelete={() => setDeleting(c)}
            >
              <ol className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground" data-testid="chain-steps-summary">
                {c.steps.map((s, i) => (
                  <li key={s.id} className="flex items-center gap-1.5">
                    {i > 0 && <span aria-hidden>→</span>}
                    <Badge variant="secondary" className="font-normal">
                      {t(`units.${unit(s.delay_unit)}`, { count: s.delay_value })}
                    </Badge>
                  </li>
                ))}
              </ol>
              <div className="flex flex-wrap gap-1.5">
                <Badge variant="outline" className="font-normal">
                  {c.condition_type === 'specific' ? t('stagesCount', { count: c.condition_stages.length }) : t('allStages')}
                </Badge>
                {c.schedule && (
                  <Badge variant="outline" className="font-normal">
                    {t('scheduled')}
                  </Badge>
                )}
                <Badge variant="outline" className="font-normal">
                  {c.run_limit ? t('runs', { count: c.runs_count, limit: c.run_limit }) : t('runsUnlimited', { count: c.runs_count })}
                </Badge>
              </div>
              <ChainRowStats chain={c} />
            </ToggleListRow>
          ))}
        </ul>
      )}
      <ChainDialog
        chain={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) => patchCache({ chains: upsertById(chains, saved) })}
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
