'use client';
// The steps of a chain: wait (value + unit), then run the step's actions; steps run in order.
import { useTranslations } from 'next-intl';
import { Controller, useFieldArray, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { PlusIcon, XIcon } from 'lucide-react';
import type { createChainSchema } from '@/lib/agents/schemas';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { useFieldError } from '../../use-api-errors';
import { newStep, UNIT_KEYS } from './chain-defaults';
import { useEditor } from '../editor-context';

type Form = UseFormReturn<z.input<typeof createChainSchema>>;

export function ChainSteps({ form }: { form: Form }) {
  const t = useTranslations('agents.chains');
  const fieldError = useFieldError();
  const { vocab } = useEditor();
  const steps = useFieldArray({ control: form.control, name: 'steps' });
  const rootError = form.formState.errors.steps?.root ?? form.formState.errors.steps;

  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between gap-3">
        <Label>{t('steps')}</Label>
        <Button type="button" variant="ghost" size="sm" onClick={() => steps.append(newStep(vocab.delayUnits[0]))} disabled={steps.fields.length >= 20} data-testid="chain-step-add">
          <PlusIcon aria-hidden />
          {t('addStep')}
        </Button>
      </div>
      {rootError?.message && <p className="text-sm font-medium text-destructive">{fieldError(rootError)}</p>}
      <ol className="space-y-3">
        {steps.fields.map((f, i) => (
          <ChainStep key={f.id} form={form} index={i} onRemove={steps.fields.length > 1 ? () => steps.remove(i) : undefined} />
        ))}
      </ol>
    </div>
  );
}

function ChainStep({ form, index, onRemove }: { form: Form; index: number; onRemove?: () => void }) {
  const t = useTranslations('agents.chains');
  const fieldError = useFieldError();
  const base = `steps.${index}` as const;
  const { vocab } = useEditor();
  const actions = useFieldArray({ control: form.control, name: `${base}.actions` });
  const errors = form.formState.errors.steps?.[index];

  return (
    <li className="relative rounded-lg border bg-background/60 p-3 sm:p-4" data-testid="chain-step">
      <div className="flex flex-wrap items-center gap-2">
        <span className="flex size-6 items-center justify-center rounded-full bg-primary text-xs font-semibold text-primary-foreground tabular-nums">
          {index + 1}
        </span>
        <span className="text-sm text-muted-foreground">{t('wait')}</span>
        <Input
          type="number"
          min={0}
          className="w-24 tabular-nums"
          aria-label={t('delayValue')}
          aria-invalid={!!errors?.delay_value || undefined}
          data-testid="chain-step-delay"
          {...form.register(`${base}.delay_value`, { setValueAs: (v) => (v === '' ? Number.NaN : Number(v)) })}
        />
        <Controller
          control={form.control}
          name={`${base}.delay_unit`}
          render={({ field }) => (
            <Select value={field.value} onValueChange={field.onChange}>
              <SelectTrigger className="w-32" aria-label={t('delayUnit')} data-testid="chain-step-unit">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {vocab.delayUnits.map((u, i) => (
                  <SelectItem key={u} value={u} data-testid={`chain-unit-${UNIT_KEYS[i]}`}>
                    {t(`unitNames.${UNIT_KEYS[i]}`)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        />
        <span className="text-sm text-muted-foreground">{t('thenDo')}</span>
        <div className="flex-1" />
        {onRemove && (
          <Button type="button" variant="ghost" size="icon" className="size-8" onClick={onRemove} aria-label={t('removeStep')} data-testid="chain-step-remove">
            <XIcon aria-hidden />
          </Button>
        )}
      </div>
      {errors?.delay_value && <p className="mt-2 text-sm font-medium text-destructive">{fieldError(errors.delay_value)}</p>}
      <div className="mt-3 space-y-2.5 border-l-2 border-border pl-3 sm:ml-3 sm:pl-4">
        {actions.fields.map((a, j) => (
          <div key={a.id} className="grid gap-2 sm:grid-cols-[12rem_1fr_auto] sm:items-start" data-testid="chain-step-action">
            <Controller
              control={form.control}
              name={`${base}.actions.${j}.action_type`}
              render={({ field }) => (
                <Select value={field.value} onValueChange={field.onChange}>
                  <SelectTrigger aria-label={t('actionType')} data-testid="chain-action-type">
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {vocab.chainActionTypes.map((type) => (
                      <SelectItem key={type} value={type}>
                        {t(`actionTypes.${type}`)}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            />
            <div className="space-y-1.5">
              <Textarea
                rows={2}
                placeholder={t('instructionPlaceholder')}
                aria-label={t('instruction')}
                aria-invalid={!!errors?.actions?.[j]?.instruction || undefined}
                data-testid="chain-action-instruction"
                {...form.register(`${base}.actions.${j}.instruction`)}
              />
              {errors?.actions?.[j]?.instruction && (
                <p className="text-sm font-medium text-destructive">{fieldError(errors.actions[j]?.instruction)}</p>
              )}
            </div>
            {actions.fields.length > 1 ? (
              <Button type="button" variant="ghost" size="icon" className="size-9" onClick={() => actions.remove(j)} aria-label={t('removeAction')}>
                <XIcon aria-hidden />
              </Button>
            ) : (
              <span className="hidden size-9 sm:block" />
            )}
          </div>
        ))}
        <Button
          type="button"
          variant="link"
          size="sm"
          className="h-auto px-0"
          onClick={() => actions.append({ action_type: 'generate_message', instruction: '' })}
          disabled={actions.fields.length >= 10}
          data-testid="chain-action-add"
        >
          <PlusIcon aria-hidden />
          {t('addAction')}
        </Button>
      </div>
    </li>
  );
}
