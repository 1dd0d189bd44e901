'use client';
// Which CRM fields the agent may read, and the rules for fields it fills in from the conversation.
import { useTranslations } from 'next-intl';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@/components/forms/resolver';
import { setCrmAccessSchema } from '@/lib/agents/schemas';
import { FormField } from '@/components/ui/form-field';
import { api } from '../../api-client';
import type { FullAgent } from '../../types';
import { TagInput } from '../../tag-input';
import { firstError, useFieldError } from '../../use-api-errors';
import { useEditor, useEditorForm, usePatchAgentCache } from '../editor-context';
import { EditorFieldset, Section } from '../section';
import { UpdateRules } from './update-rules';

type Access = FullAgent['crm_access'];
const toForm = (a: Access) => ({ read_deal_fields: [...a.read_deal_fields], read_contact_fields: [...a.read_contact_fields] });
const FIELDS = [
  { name: 'read_deal_fields', key: 'deal', placeholder: 'stage_id, budget, description' },
  { name: 'read_contact_fields', key: 'contact', placeholder: 'f_name, l_name, phone' },
] as const;

export function CrmTab() {
  const t = useTranslations('agents.crm');
  const { agent } = useEditor();
  const patchCache = usePatchAgentCache();
  const fieldError = useFieldError();
  // PUT /api/agents/:id/crm-access parses the body with setCrmAccessSchema.
  const form = useForm({ resolver: zodResolver(setCrmAccessSchema), defaultValues: toForm(agent.crm_access) });
  const submit = useEditorForm(form, async (values) => {
    const crm_access = await api<Access>('PUT', `/api/agents/${agent.id}/crm-access`, values);
    patchCache({ crm_access });
    return toForm(crm_access);
  });

  return (
    <div className="space-y-6">
      <form onSubmit={submit} noValidate data-testid="agent-crm-form">
        <EditorFieldset>
          <Section title={t('accessTitle')} description={t('accessDescription')}>
            <div className="grid gap-6">
              {FIELDS.map(({ name, key, placeholder }) => (
                <FormField
                  key={name}
                  label={t(`${key}Fields`)}
                  description={t(`${key}FieldsHint`)}
                  error={fieldError(firstError(form.formState.errors[name]))}
                >
                  {(p) => (
                    <Controller
                      control={form.control}
                      name={name}
                      render={({ field }) => (
                        <TagInput {...p} value={field.value ?? []} onChange={field.onChange} placeholder={placeholder} testId={`crm-${key}-fields`} />
                      )}
                    />
                  )}
                </FormField>
              ))}
            </div>
          </Section>
        </EditorFieldset>
      </form>
      <UpdateRules />
    </div>
  );
}
