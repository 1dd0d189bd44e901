'use client';
// The CRM pipelines the agent works in, which stages, and an instruction per stage. Saving replaces the set.
import { useTranslations } from 'next-intl';
import { useFieldArray, useForm } from 'react-hook-form';
import { zodResolver } from '@/components/forms/resolver';
import { PlusIcon, WorkflowIcon } from 'lucide-react';
import type { z } from 'zod';
import { setPipelinesSchema } from '@/lib/agents/schemas';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { api } from '../../api-client';
import type { FullAgent } from '../../types';
import { useEditor, useEditorForm, usePatchAgentCache } from '../editor-context';
import { EditorFieldset, Section } from '../section';
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
  const { agent, canWrite } = useEditor();
  const patchCache = usePatchAgentCache();
  // PUT /api/agents/:id/pipelines parses the body with setPipelinesSchema.
  const form = useForm({ resolver: zodResolver(setPipelinesSchema), defaultValues: toForm(agent.pipelines) });
  const list = useFieldArray({ control: form.control, name: 'pipelines' });
  const submit = useEditorForm(form, async (values) => {
    const { pipelines } = await api<{ pipelines: Pipeline[] }>('PUT', `/api/agents/${agent.id}/pipelines`, values);
    patchCache({ pipelines });
    return toForm(pipelines);
  });

  const add = () =>
    list.append({ pipeline_id: '', pipeline_name: '', is_active: true, all_stages: true, stages: [], stage_instructions: {} });

  const addButton = canWrite && (
    <Button type="button" variant="outline" size="sm" onClick={add} data-testid="pipeline-add">
      <PlusIcon aria-hidden />
      {t('add')}
    </Button>
  );

  return (
    <form onSubmit={submit} noValidate data-testid="agent-pipelines-form">
      <EditorFieldset>
        <Section title={t('title')} description={t('description')} actions={list.fields.length > 0 && addButton}>
          {list.fields.length === 0 ? (
            <EmptyState icon={<WorkflowIcon />} title={t('empty.title')} description={t('empty.description')} action={addButton} />
          ) : (
            <div className="space-y-4">
              {list.fields.map((f, i) => (
                <PipelineCard key={f.id} form={form} index={i} onRemove={() => list.remove(i)} />
              ))}
            </div>
          )}
        </Section>
      </EditorFieldset>
    </form>
  );
}
