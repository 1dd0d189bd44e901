'use client';
// Which CRM fields the agent may read (ticked from the workspace CRM's deal and contact fields),
// and the rules for fields it fills in from the conversation.
import { useEffect } from 'react';
import { useTranslations } from 'next-intl';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@/components/forms/resolver';
import { setCrmAccessSchema } from '@/lib/agents/schemas';
import { cn } from '@/lib/utils/cn';
import { Checkbox } from '@/components/ui/checkbox';
import { Label } from '@/components/ui/label';
import { Skeleton } from '@/components/ui/skeleton';
import { api } from '../../api-client';
import type { FullAgent } from '../../types';
import { firstError, useFieldError } from '../../use-api-errors';
import { useEditor, useEditorForm, usePatchAgentCache } from '../editor-context';
import { EditorFieldset, Section } from '../section';
import { CrmWarningsBanner, MissingMarker } from '../crm/crm-warnings';
import { SyncCrmButton } from '../crm/sync-crm-button';
import { fieldsOf, useCrmChoices, useRefreshAgent } from '../crm/use-crm-choices';
import { UpdateRules } from './update-rules';

type Access = FullAgent['crm_access'];
const toForm = (a: Access) => ({ read_deal_fields: [...a.read_deal_fields], read_contact_fields: [...a.read_contact_fields] });
const FIELDS = [
  { name: 'read_deal_fields', key: 'deal' },
  { name: 'read_contact_fields', key: 'contact' },
] as const;

export function CrmTab() {
  const t = useTranslations('agents.crm');
  const tc = useTranslations('agentsCrm.fields');
  const { agent } = useEditor();
  const patchCache = usePatchAgentCache();
  const refresh = useRefreshAgent();
  const fieldError = useFieldError();
  const choices = useCrmChoices();
  // PUT /api/agents/:id/crm-access parses the body with setCrmAccessSchema.
  const form = useForm({ resolver: zodResolver(setCrmAccessSchema), defaultValues: toForm(agent.crm_access) });
  const submit = useEditorForm(form, async (values) => {
    const crm_access = await api<Access>('PUT', `/api/agents/${agent.id}/crm-access`, values);
    patchCache({ crm_access });
    refresh();
    return toForm(crm_access);
  });
  useEffect(() => {
    if (!form.formState.isDirty) form.reset(toForm(agent.crm_access));
  }, [agent.crm_access]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="space-y-6">
      <form onSubmit={submit} noValidate data-testid="agent-crm-form">
        <EditorFieldset>
          <Section title={t('accessTitle')} description={t('accessDescription')} actions={<SyncCrmButton disabled={form.formState.isDirty} />}>
            <div className="grid gap-6">
              <CrmWarningsBanner prefixes={['crm_access.', 'update_rules.']} />
              {FIELDS.map(({ name, key }) => (
                <Controller
                  key={name}
                  control={form.control}
                  name={name}
                  render={({ field }) => {
                    const value = field.value ?? [];
                    const options = fieldsOf(choices.data, key);
                    const known = new Set(options.map((f) => f.code));
                    const gone = choices.isSuccess ? value.filter((code) => !known.has(code)) : [];
                    const error = fieldError(firstError(form.formState.errors[name]));
                    const flip = (code: string, on: boolean) => field.onChange(on ? [...value, code] : value.filter((v) => v !== code));
                    return (
                      <div className="space-y-2">
                        <div className="flex flex-wrap items-baseline justify-between gap-2">
                          <Label>{tc(key)}</Label>
                          <span className="text-xs text-muted-foreground" data-testid={`crm-${key}-count`}>
                            {tc('chosenCount', { count: value.length })}
                          </span>
                        </div>
                        <p className="text-sm text-muted-foreground">{tc(`${key}Hint`)}</p>
                        {choices.isPending ? (
                          <Skeleton className="h-24" />
                        ) : (
                          <div className="grid gap-1.5 sm:grid-cols-2 lg:grid-cols-3" role="group" aria-label={tc(key)} data-testid={`crm-${key}-fields`}>
                            {[...options.map((f) => ({ ...f, missing: false })), ...gone.map((code) => ({ code, name: code, system: false, field_type: '', missing: true }))].map((f) => {
                              const checked = value.includes(f.code);
                              const id = `${name}-${f.code}`;
                              return (
                                <Label
                                  key={f.code}
                                  htmlFor={id}
                                  className={cn(
                                    'flex cursor-pointer items-center gap-2.5 rounded-md border px-2.5 py-2 font-normal hover:bg-accent/50',
                                    checked && 'border-primary/50 bg-accent/40',
                                    f.missing && 'border-warning/60',
                                  )}
                                >
                                  <Checkbox id={id} checked={checked} onCheckedChange={(on) => flip(f.code, on === true)} data-testid="crm-field" data-code={f.code} />
                                  <span className="min-w-0 flex-1 truncate">{f.missing ? <span className="font-mono text-xs">{f.code}</span> : f.name}</span>
                                  {f.missing ? (
                                    <MissingMarker />
                                  ) : (
                                    !f.system && <span className="shrink-0 text-xs text-muted-foreground">{tc('custom')}</span>
                                  )}
                                </Label>
                              );
                            })}
                          </div>
                        )}
                        {error && (
                          <p className="text-sm text-destructive" role="alert">
                            {error}
                          </p>
                        )}
                      </div>
                    );
                  }}
                />
              ))}
            </div>
          </Section>
        </EditorFieldset>
      </form>
      <UpdateRules />
    </div>
  );
}
