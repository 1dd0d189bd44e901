'use client';
// Update rules: which CRM field to fill and when, applied in order; saved one by one.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { useMutation } from '@tanstack/react-query';
import { ArrowDownIcon, ArrowUpIcon, PencilIcon, PlusIcon, Trash2Icon, ListChecksIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { toast } from '@/components/ui/sonner';
import { api } from '../../api-client';
import type { UpdateRule } from '../../types';
import { useErrorToast } from '../../use-api-errors';
import { ConfirmDelete } from '../../confirm-delete';
import { useEditor, usePatchAgentCache } from '../editor-context';
import { Section } from '../section';
import { UpdateRuleDialog } from './update-rule-dialog';
import { MissingMarker } from '../crm/crm-warnings';
import { fieldsOf, useCrmChoices, useRefreshAgent } from '../crm/use-crm-choices';

export function UpdateRules() {
  const t = useTranslations('agents.crm.rules');
  const { agent, canWrite } = useEditor();
  const patchCache = usePatchAgentCache();
  const showError = useErrorToast();
  const rules = agent.update_rules;
  const choices = useCrmChoices();
  const refresh = useRefreshAgent();
  const fieldOf = (r: UpdateRule) => fieldsOf(choices.data, r.entity_type as 'deal' | 'contact').find((f) => f.code === r.field_id);
  const [editing, setEditing] = useState<UpdateRule | 'new' | null>(null);
  const [deleting, setDeleting] = useState<UpdateRule | null>(null);

  const reorder = useMutation({
    mutationFn: (ids: string[]) => api<{ update_rules: UpdateRule[] }>('PUT', `/api/agents/${agent.id}/update-rules/order`, { ids }),
    onMutate: (ids) => {
      const before = rules;
      patchCache({ update_rules: ids.map((id) => rules.find((r) => r.id === id)!) });
      return { before };
    },
    onSuccess: ({ update_rules }) => patchCache({ update_rules }),
    onError: (err, _ids, ctx) => {
      if (ctx) patchCache({ update_rules: ctx.before });
      showError(err);
    },
  });
  const remove = useMutation({
    mutationFn: (rule: UpdateRule) => api<void>('DELETE', `/api/agents/${agent.id}/update-rules/${rule.id}`),
    onSuccess: (_v, rule) => {
      patchCache({ update_rules: rules.filter((r) => r.id !== rule.id) });
      refresh();
      setDeleting(null);
      toast.success(t('deleted'));
    },
    onError: showError,
  });

  const move = (index: number, delta: -1 | 1) => {
    const ids = rules.map((r) => r.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + delta, 0, id);
    reorder.mutate(ids);
  };

  const addButton = canWrite && (
    <Button type="button" variant="outline" size="sm" onClick={() => setEditing('new')} data-testid="rule-add">
      <PlusIcon aria-hidden />
      {t('add')}
    </Button>
  );

  return (
    <Section title={t('title')} description={t('description')} actions={rules.length > 0 && addButton} testId="update-rules">
      {rules.length === 0 ? (
        <EmptyState icon={<ListChecksIcon />} title={t('empty.title')} description={t('empty.description')} action={addButton} />
      ) : (
        <ol className="divide-y rounded-lg border">
          {rules.map((rule, i) => (
            <li key={rule.id} className="flex items-start gap-3 px-3 py-3 sm:px-4" data-testid="rule-row">
              <span className="mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full bg-muted text-xs font-medium tabular-nums text-muted-foreground">
                {i + 1}
              </span>
              <div className="min-w-0 flex-1 space-y-1.5">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge variant="secondary">{t(`entity.${rule.entity_type as 'deal'}`)}</Badge>
                  {fieldOf(rule) ? (
                    <span className="text-sm font-medium" data-testid="rule-field-name">
                      {fieldOf(rule)!.name}
                    </span>
                  ) : (
                    <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{rule.field_id}</code>
                  )}
                  {choices.isSuccess && !fieldOf(rule) && <MissingMarker />}
                  {rule.overwrite && <Badge variant="outline">{t('overwriteBadge')}</Badge>}
                </div>
                <p className="text-sm text-pretty break-words text-muted-foreground">{rule.condition}</p>
              </div>
              {canWrite && (
                <div className="flex shrink-0 items-center gap-0.5">
                  <Button variant="ghost" size="icon" className="size-8" disabled={i === 0 || reorder.isPending} onClick={() => move(i, -1)} aria-label={t('moveUp')} data-testid="rule-up">
                    <ArrowUpIcon aria-hidden />
                  </Button>
                  <Button
                    variant="ghost"
                    size="icon"
                    className="size-8"
                    disabled={i === rules.length - 1 || reorder.isPending}
                    onClick={() => move(i, 1)}
                    aria-label={t('moveDown')}
                    data-testid="rule-down"
                  >
                    <ArrowDownIcon aria-hidden />
                  </Button>
                  <Button variant="ghost" size="icon" className="size-8" onClick={() => setEditing(rule)} aria-label={t('edit')} data-testid="rule-edit">
                    <PencilIcon aria-hidden />
                  </Button>
                  <Button variant="ghost" size="icon" className="size-8" onClick={() => setDeleting(rule)} aria-label={t('delete')} data-testid="rule-delete">
                    <Trash2Icon aria-hidden />
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      <UpdateRuleDialog
        rule={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          patchCache({
            update_rules: rules.some((r) => r.id === saved.id) ? rules.map((r) => (r.id === saved.id ? saved : r)) : [...rules, saved],
          });
          refresh();
        }}
      />
      <ConfirmDelete
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t('deleteTitle')}
        description={deleting?.condition}
        pending={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
      />
    </Section>
  );
}
