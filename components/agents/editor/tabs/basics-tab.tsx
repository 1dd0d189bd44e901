'use client';
// Name, on/off, model and "check before sending".
import { useTranslations } from 'next-intl';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@/components/forms/resolver';
import { MODELS, type ModelId } from '@/lib/ai/models';
import { updateAgentSchema } from '@/lib/agents/schemas';
import { Input } from '@/components/ui/input';
import { FormField } from '@/components/ui/form-field';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { api } from '../../api-client';
import type { FullAgent } from '../../types';
import { useFieldError } from '../../use-api-errors';
import { useEditor, useEditorForm, usePatchAgentCache } from '../editor-context';
import { EditorFieldset, Section, SwitchRow } from '../section';

export function BasicsTab() {
  const t = useTranslations('agents.basics');
  const { agent } = useEditor();
  const patchCache = usePatchAgentCache();
  const fieldError = useFieldError();
  const pick = (a: Pick<FullAgent, 'name' | 'is_active' | 'model' | 'check_before_send'>) => ({
    name: a.name,
    is_active: a.is_active,
    model: a.model as ModelId,
    check_before_send: a.check_before_send,
  });
  // PATCH /api/agents/:id parses the body with updateAgentSchema.
  const form = useForm({ resolver: zodResolver(updateAgentSchema), defaultValues: pick(agent) });
  const { errors } = form.formState;
  const submit = useEditorForm(form, async (values) => {
    const { agent: saved } = await api<{ agent: FullAgent }>('PATCH', `/api/agents/${agent.id}`, values);
    patchCache(saved);
    return pick(saved);
  });

  return (
    <form onSubmit={submit} noValidate data-testid="agent-basics-form">
      <EditorFieldset>
        <Section title={t('title')} description={t('description')}>
          <div className="grid gap-6">
            <FormField label={t('name')} error={fieldError(errors.name)} required>
              <Input data-testid="agent-name" {...form.register('name')} />
            </FormField>
            <SwitchRow control={form.control} name="is_active" label={t('active')} description={t('activeHint')} testId="agent-active" />
            <FormField label={t('model')} description={t('modelHint')} error={fieldError(errors.model)}>
              {(p) => (
                <Controller
                  control={form.control}
                  name="model"
                  render={({ field }) => (
                    <Select value={field.value} onValueChange={field.onChange}>
                      <SelectTrigger {...p} className="sm:max-w-sm" data-testid="agent-model">
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        {MODELS.map((m) => (
                          <SelectItem key={m.id} value={m.id} data-testid={`agent-model-${m.id}`}>
                            {m.label}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  )}
                />
              )}
            </FormField>
            <SwitchRow
              control={form.control}
              name="check_before_send"
              label={t('checkBeforeSend')}
              description={t('checkBeforeSendHint')}
              testId="agent-check-before-send"
            />
          </div>
        </Section>
      </EditorFieldset>
    </form>
  );
}
