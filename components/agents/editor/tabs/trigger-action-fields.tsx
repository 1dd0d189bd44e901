'use client';
// One trigger action: its type and the settings that type needs (TRIGGER_ACTION_CONFIGS).
import { useTranslations } from 'next-intl';
import { Controller, useWatch, type FieldError, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { XIcon } from 'lucide-react';
import type { createTriggerSchema } from '@/lib/agents/schemas';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { FormField } from '@/components/ui/form-field';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { useFieldError } from '../../use-api-errors';
import type { TriggerActionType as ActionType } from '../../vocab';
import { useEditor } from '../editor-context';

type Values = z.input<typeof createTriggerSchema>;

/** The settings of each action type, in display order: key, control, required. */
const CONFIG_FIELDS: Record<ActionType, { key: string; kind: 'text' | 'long' | 'number' | 'entity'; required?: boolean }[]> = {
  update_field: [
    { key: 'entity_type', kind: 'entity', required: true },
    { key: 'field_id', kind: 'text', required: true },
    { key: 'value', kind: 'text' },
  ],
  send_message: [{ key: 'message', kind: 'long', required: true }],
  create_task: [
    { key: 'title', kind: 'text', required: true },
    { key: 'description', kind: 'long' },
    { key: 'due_in_hours', kind: 'number' },
  ],
  change_stage: [
    { key: 'pipeline_id', kind: 'text', required: true },
    { key: 'stage_id', kind: 'text', required: true },
  ],
  notify_manager: [{ key: 'message', kind: 'long', required: true }],
  stop_agent: [{ key: 'reason', kind: 'text' }],
};

const initialConfig = (type: ActionType): Record<string, unknown> =>
  Object.fromEntries(CONFIG_FIELDS[type].filter((f) => f.required).map((f) => [f.key, f.kind === 'entity' ? 'deal' : '']));

export function TriggerActionFields({
  form,
  index,
  onRemove,
}: {
  form: UseFormReturn<Values>;
  index: number;
  onRemove?: () => void;
}) {
  const t = useTranslations('agents.triggers');
  const fieldError = useFieldError();
  const { vocab } = useEditor();
  const base = `actions.${index}` as const;
  const type = useWatch({ control: form.control, name: `${base}.action_type` }) as ActionType;
  const configErrors = (form.formState.errors.actions?.[index] as { action_config?: Record<string, FieldError> } | undefined)?.action_config;
  const path = (key: string) => `${base}.action_config.${key}` as `actions.${number}.action_config.${string}`;

  return (
    <div className="rounded-lg border bg-background/60 p-3 sm:p-4" data-testid="trigger-action">
      <div className="flex items-center gap-2">
        <Controller
          control={form.control}
          name={`${base}.action_type`}
          render={({ field }) => (
            <Select
              value={field.value}
              onValueChange={(v) => {
                field.onChange(v);
                form.setValue(`${base}.action_config`, initialConfig(v as ActionType), { shouldDirty: true });
              }}
            >
              <SelectTrigger aria-label={t('actionType')} className="sm:max-w-64" data-testid="trigger-action-type">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {vocab.triggerActionTypes.map((a) => (
                  <SelectItem key={a} value={a}>
                    {t(`actionTypes.${a}`)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        />
        <div className="flex-1" />
        {onRemove && (
          <Button type="button" variant="ghost" size="icon" className="size-8" onClick={onRemove} aria-label={t('removeAction')} data-testid="trigger-action-remove">
            <XIcon aria-hidden />
          </Button>
        )}
      </div>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        {CONFIG_FIELDS[type]?.map(({ key, kind, required }) => (
          <FormField
            key={`${type}-${key}`}
            label={t(`config.${key}`)}
            required={required}
            error={fieldError(configErrors?.[key])}
            className={kind === 'long' ? 'sm:col-span-2' : undefined}
          >
            {(p) =>
              kind === 'entity' ? (
                <Controller
                  control={form.control}
                  name={path(key)}
                  render={({ field }) => (
                    <Select value={String(field.value ?? 'deal')} onValueChange={field.onChange}>
                      <SelectTrigger {...p}>
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        {vocab.entityTypes.map((e) => (
                          <SelectItem key={e} value={e}>
                            {t(`entity.${e}`)}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  )}
                />
              ) : kind === 'long' ? (
                <Textarea {...p} rows={2} data-testid={`trigger-config-${key}`} {...form.register(path(key))} />
              ) : kind === 'number' ? (
                <Input
                  {...p}
                  type="number"
                  min={0}
                  data-testid={`trigger-config-${key}`}
                  {...form.register(path(key), { setValueAs: (v) => (v === '' || v == null ? undefined : Number(v)) })}
                />
              ) : (
                <Input {...p} className={key.endsWith('_id') ? 'font-mono' : undefined} data-testid={`trigger-config-${key}`} {...form.register(path(key))} />
              )
            }
          </FormField>
        ))}
      </div>
    </div>
  );
}
