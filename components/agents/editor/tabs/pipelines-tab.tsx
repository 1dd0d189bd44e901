'use client';
// The CRM pipelines the agent works in, picked from the workspace's CRM; per pipeline the stages
// (all, or chosen ones) and an instruction per stage. Saving replaces the set.
import { useEffect } from 'react';
import { useTranslations } from 'next-intl';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@/components/forms/resolver';
import { WorkflowIcon } from 'lucide-react';
import type { z } from 'zod';
import { setPipelinesSchema } from '@/lib/agents/schemas';
import { cn } from '@/lib/utils/cn';
import { Checkbox } from '@/components/ui/checkbox';
import { Label } from '@/components/ui/label';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState } from '@/components/ui/empty-state';
import { api } from '../../api-client';
import type { FullAgent } from '../../types';
import { useEditor, useEditorForm, usePatchAgentCache } from '../editor-context';
import { EditorFieldset, Section } from '../section';
import { CrmWarningsBanner } from '../crm/crm-warnings';
import { SyncCrmButton } from '../crm/sync-crm-button';
import { useCrmChoices, useRefreshAgent } from '../crm/use-crm-choices';
import { PipelineCard } from './pipeline-card';

type Pipeline = FullAgent['pipelines'][number];

const toForm = (pipelines: Pipeline[]): z.input<typeof setPipelinesSchema> => ({
  pipelines: pipelines.map((p) => ({
    pipeline_id: p.pipeline_id,
    pipeline_name: p.pipeline_name,
    is_active: p.is_active,
    all_stages: p.all_stages,
    stages: [...p.stages],
    stage_instructions: { ...p.stage_instructions },
  })),
});

export function PipelinesTab() {
  const t = useTranslations('agents.pipelines');
  const tc = useTranslations('agentsCrm.pipelines');
  const { agent } = useEditor();
  const patchCache = usePatchAgentCache();
  const refresh = useRefreshAgent();
  const choices = useCrmChoices();
  // PUT /api/agents/:id/pipelines parses the body with setPipelinesSchema.
  const form = useForm({ resolver: zodResolver(setPipelinesSchema), defaultValues: toForm(agent.pipelines) });
  const list = useFieldArray({ control: form.control, name: 'pipelines' });
  const chosen = useWatch({ control: form.control, name: 'pipelines' }) ?? [];
  const submit = useEditorForm(form, async (values) => {
    const { pipelines } = await api<{ pipelines: Pipeline[] }>('PUT', `/api/agents/${agent.id}/pipelines`, values);
    patchCache({ pipelines });
    refresh();
    return toForm(pipelines);
  });

  // A sync (or another tab) changed the saved pipelines: show them unless the form holds edits.
  const { isDirty } = form.formState;
  useEffect(() => {
    if (!form.formState.isDirty) form.reset(toForm(agent.pipelines));
  }, [agent.pipelines]); // eslint-disable-line react-hooks/exhaustive-deps

  const crmPipelines = choices.data?.pipelines ?? [];
  const toggle = (id: string, name: string, on: boolean) => {
    const at = chosen.findIndex((p) => p.pipeline_id === id);
    if (on && at < 0) list.append({ pipeline_id: id, pipeline_name: name, is_active: true, all_stages: true, stages: [], stage_instructions: {} });
    if (!on && at >= 0) list.remove(at);
  };

  return (
    <form onSubmit={submit} noValidate data-testid="agent-pipelines-form">
      <EditorFieldset>
        <Section title={t('title')} description={tc('description')} actions={<SyncCrmButton disabled={isDirty} />}>
          <div className="space-y-6">
            <CrmWarningsBanner prefixes={['pipelines.']} />
            <div className="space-y-3">
              <div className="space-y-1">
                <Label>{tc('pick')}</Label>
                <p className="text-sm text-muted-foreground">{tc('pickHint')}</p>
              </div>
              {choices.isPending ? (
                <div className="grid gap-2 sm:grid-cols-2">
                  <Skeleton className="h-14" />
                  <Skeleton className="h-14" />
                </div>
              ) : choices.isError ? (
                <p className="text-sm text-destructive" role="alert">
                  {tc('loadError')}
                </p>
              ) : crmPipelines.length === 0 ? (
                <EmptyState icon={<WorkflowIcon />} title={tc('noneTitle')} description={tc('none')} />
              ) : (
                <div className="grid gap-2 sm:grid-cols-2" role="group" aria-label={tc('pick')} data-testid="pipeline-choices">
                  {crmPipelines.map((p) => {
                    const checked = chosen.some((c) => c.pipeline_id === p.id);
                    return (
                      <Label
                        key={p.id}
                        htmlFor={`pick-${p.id}`}
                        className={cn(
                          'flex cursor-pointer items-center gap-3 rounded-lg border px-3 py-3 font-normal transition-colors hover:bg-accent/50',
                          checked && 'border-primary/50 bg-accent/40',
                        )}
                      >
                        <Checkbox
                          id={`pick-${p.id}`}
                          checked={checked}
                          onCheckedChange={(on) => toggle(p.id, p.name, on === true)}
                          data-testid="pipeline-pick"
                          data-name={p.name}
                        />
                        <span className="min-w-0 flex-1">
                          <span className="block truncate font-medium">{p.name}</span>
                          <span className="block text-xs text-muted-foreground">
                            {tc('stageCount', { count: p.stages.length })}
                            {!p.is_active && ` · ${tc('inactive')}`}
                          </span>
                        </span>
                        <span className="flex shrink-0 -space-x-1" aria-hidden>
                          {p.stages.slice(0, 6).map((s) => (
                            <span key={s.id} className="size-2.5 rounded-full ring-2 ring-card" style={{ backgroundColor: s.color }} />
                          ))}
                        </span>
                      </Label>
                    );
                  })}
                </div>
              )}
            </div>
            {list.fields.length > 0 && (
              <div className="space-y-4">
                {list.fields.map((f, i) => (
                  <PipelineCard
                    key={f.id}
                    form={form}
                    index={i}
                    crm={choices.isSuccess ? (crmPipelines.find((p) => p.id === chosen[i]?.pipeline_id) ?? null) : undefined}
                    onRemove={() => list.remove(i)}
                  />
                ))}
              </div>
            )}
          </div>
        </Section>
      </EditorFieldset>
    </form>
  );
}
