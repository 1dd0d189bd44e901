'use client';
// Chains: timed follow-ups (steps with a delay and actions), each with an on/off switch.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { ListOrderedIcon, PencilIcon, PlusIcon, Trash2Icon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Switch } from '@/components/ui/switch';
import { EmptyState } from '@/components/ui/empty-state';
import type { Chain } from '../../types';
import { ConfirmDelete } from '../../confirm-delete';
import { useEditor, usePatchAgentCache } from '../editor-context';
import { useListToggle } from '../use-list-toggle';
import { useListRemove } from '../use-list-remove';
import { Section } from '../section';
import { ChainDialog } from './chain-dialog';
import { UNIT_KEYS } from './chain-defaults';

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
            <li key={c.id} className="flex items-start gap-3 px-3 py-3 sm:px-4" data-testid="chain-row">
              <Switch
                checked={c.is_active}
                disabled={!canWrite}
                onCheckedChange={(is_active) => toggle.mutate({ id: c.id, is_active })}
                aria-label={t('toggle', { name: c.name })}
                className="mt-0.5"
                data-testid="chain-toggle"
              />
              <div className="min-w-0 flex-1 space-y-1.5">
                <p className="truncate text-sm font-medium" data-testid="chain-name">
                  {c.name}
                </p>
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
              </div>
              <div className="flex shrink-0 items-center gap-0.5">
                <Button variant="ghost" size="icon" className="size-8" onClick={() => setEditing(c)} aria-label={canWrite ? t('edit') : t('view')} data-testid="chain-edit">
                  <PencilIcon aria-hidden />
                </Button>
                {canWrite && (
                  <Button variant="ghost" size="icon" className="size-8" onClick={() => setDeleting(c)} aria-label={t('delete')} data-testid="chain-delete">
                    <Trash2Icon aria-hidden />
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <ChainDialog
        chain={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) => patchCache({ chains: chains.some((x) => x.id === saved.id) ? chains.map((x) => (x.id === saved.id ? saved : x)) : [...chains, saved] })}
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
