'use client';
// One pipeline of the agent: CRM id and name, on/off, all or chosen stages, instruction per stage.
import { useTranslations } from 'next-intl';
import { Controller, useWatch, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { Trash2Icon } from 'lucide-react';
import type { setPipelinesSchema } from '@/lib/agents/schemas';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { Switch } from '@/components/ui/switch';
import { Label } from '@/components/ui/label';
import { FormField } from '@/components/ui/form-field';
import { RadioGroup, RadioGroupItem } from '@/components/ui/radio-group';
import { TagInput } from '../../tag-input';
import { useFieldError } from '../../use-api-errors';

type Values = z.input<typeof setPipelinesSchema>;

export function PipelineCard({
  form,
  index,
  onRemove,
}: {
  form: UseFormReturn<Values>;
  index: number;
  onRemove: () => void;
}) {
  const t = useTranslations('agents.pipelines');
  const fieldError = useFieldError();
  const base = `pipelines.${index}` as const;
  const errors = form.formState.errors.pipelines?.[index];
  const allStages = useWatch({ control: form.control, name: `${base}.all_stages` });
  const stages = useWatch({ control: form.control, name: `${base}.stages` }) ?? [];
  const instructions = useWatch({ control: form.control, name: `${base}.stage_instructions` }) ?? {};
  const name = useWatch({ control: form.control, name: `${base}.pipeline_name` });

  const setStages = (next: string[]) => {
    form.setValue(`${base}.stages`, next, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
    const kept = Object.fromEntries(Object.entries(instructions).filter(([k]) => next.includes(k)));
    if (Object.keys(kept).length !== Object.keys(instructions).length) form.setValue(`${base}.stage_instructions`, kept, { shouldDirty: true });
  };
  const setInstruction = (stage: string, text: string) => {
    const next = { ...instructions };
    if (text) next[stage] = text;
    else delete next[stage];
    form.setValue(`${base}.stage_instructions`, next, { shouldDirty: true });
  };
  const instructionErrors = errors?.stage_instructions as Record<string, { message?: string; type?: string }> | undefined;

  return (
    <div className="rounded-lg border bg-background/60 p-4" data-testid="pipeline-card">
      <div className="mb-4 flex items-center justify-between gap-3">
        <p className="min-w-0 truncate text-sm font-semibold">{name || t('untitled')}</p>
        <div className="flex items-center gap-3">
          <Controller
            control={form.control}
            name={`${base}.is_active`}
            render={({ field }) => (
              <div className="flex items-center gap-2">
                <Switch id={`${base}-active`} checked={!!field.value} onCheckedChange={field.onChange} data-testid="pipeline-active" />
                <Label htmlFor={`${base}-active`} className="text-sm font-normal text-muted-foreground">
                  {t('active')}
                </Label>
              </div>
            )}
          />
          <Button type="button" variant="ghost" size="icon" className="size-8" onClick={onRemove} aria-label={t('remove')} data-testid="pipeline-remove">
            <Trash2Icon aria-hidden />
          </Button>
        </div>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label={t('name')} error={fieldError(errors?.pipeline_name)} required>
          <Input placeholder={t('namePlaceholder')} data-testid="pipeline-name" {...form.register(`${base}.pipeline_name`)} />
        </FormField>
        <FormField label={t('id')} description={t('idHint')} error={fieldError(errors?.pipeline_id)} required>
          <Input className="font-mono" placeholder="sales_funnel_1" data-testid="pipeline-id" {...form.register(`${base}.pipeline_id`)} />
        </FormField>
      </div>
      <div className="mt-5 space-y-3">
        <Label>{t('stagesMode')}</Label>
        <Controller
          control={form.control}
          name={`${base}.all_stages`}
          render={({ field }) => (
            <RadioGroup
              value={field.value ? 'all' : 'chosen'}
              onValueChange={(v) => field.onChange(v === 'all')}
              className="flex flex-wrap gap-x-6 gap-y-2"
            >
              {(['all', 'chosen'] as const).map((mode) => (
                <div key={mode} className="flex items-center gap-2">
                  <RadioGroupItem value={mode} id={`${base}-${mode}`} data-testid={`pipeline-stages-${mode}`} />
                  <Label htmlFor={`${base}-${mode}`} className="font-normal">
                    {t(`mode.${mode}`)}
                  </Label>
                </div>
              ))}
            </RadioGroup>
          )}
        />
        <FormField
          label={allStages ? t('stagesForInstructions') : t('stages')}
          description={t('stagesHint')}
          error={fieldError(errors?.stages as { message?: string; type?: string } | undefined)}
        >
          {(p) => <TagInput {...p} value={stages} onChange={setStages} placeholder={t('stagesPlaceholder')} testId="pipeline-stages" />}
        </FormField>
      </div>
      {stages.length > 0 && (
        <div className="mt-5 space-y-3">
          <Label>{t('stageInstructions')}</Label>
          <div className="space-y-3">
            {stages.map((stage) => (
              <FormField
                key={stage}
                label={<span className="font-mono text-xs">{stage}</span>}
                error={fieldError(instructionErrors?.[stage])}
              >
                <Textarea
                  rows={2}
                  value={instructions[stage] ?? ''}
                  onChange={(e) => setInstruction(stage, e.target.value)}
                  placeholder={t('stageInstructionPlaceholder')}
                  data-testid="pipeline-stage-instruction"
                />
              </FormField>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
