'use client';
// One pipeline of the agent: on/off, all or chosen stages of the CRM pipeline (checkboxes with the
// stage colours), and an instruction per stage. Stages or a pipeline gone from the CRM are marked.
import { useTranslations } from 'next-intl';
import { Controller, useWatch, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { Trash2Icon } from 'lucide-react';
import type { setPipelinesSchema } from '@/lib/agents/schemas';
import { cn } from '@/lib/utils/cn';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/textarea';
import { Switch } from '@/components/ui/switch';
import { Label } from '@/components/ui/label';
import { Checkbox } from '@/components/ui/checkbox';
import { FormField } from '@/components/ui/form-field';
import { Skeleton } from '@/components/ui/skeleton';
import { useFieldError } from '../../use-api-errors';
import { MissingMarker } from '../crm/crm-warnings';
import { safeColor, type ChoicePipeline } from '../crm/use-crm-choices';

type Values = z.input<typeof setPipelinesSchema>;
type Err = { message?: string; type?: string } | undefined;

function Dot({ color }: { color?: string }) {
  return <span className="inline-block size-2.5 shrink-0 rounded-full" style={{ backgroundColor: safeColor(color) }} aria-hidden />;
}

export function PipelineCard({
  form,
  index,
  crm,
  onRemove,
}: {
  form: UseFormReturn<Values>;
  index: number;
  /** The CRM's pipeline; null when it no longer exists, undefined while the CRM is loading. */
  crm: ChoicePipeline | null | undefined;
  onRemove: () => void;
}) {
  const t = useTranslations('agents.pipelines');
  const tc = useTranslations('agentsCrm.pipelines');
  const fieldError = useFieldError();
  const base = `pipelines.${index}` as const;
  const errors = form.formState.errors.pipelines?.[index];
  const allStages = !!useWatch({ control: form.control, name: `${base}.all_stages` });
  const stages = useWatch({ control: form.control, name: `${base}.stages` }) ?? [];
  const instructions = useWatch({ control: form.control, name: `${base}.stage_instructions` }) ?? {};
  const savedName = useWatch({ control: form.control, name: `${base}.pipeline_name` });
  const missing = crm === null;
  const crmStages = crm?.stages ?? [];
  const known = new Set(crmStages.map((s) => s.id));
  const stageById = new Map(crmStages.map((s) => [s.id, s]));

  const setStages = (next: string[]) => {
    form.setValue(`${base}.stages`, next, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
    if (allStages) return;
    const kept = Object.fromEntries(Object.entries(instructions).filter(([k]) => next.includes(k)));
    if (Object.keys(kept).length !== Object.keys(instructions).length) form.setValue(`${base}.stage_instructions`, kept, { shouldDirty: true });
  };
  const setAll = (on: boolean) => {
    form.setValue(`${base}.all_stages`, on, { shouldDirty: true });
    // Chosen stages keep the ones that already have an instruction.
    setStages(on ? [] : Object.keys(instructions).filter((k) => known.has(k)));
  };
  const setInstruction = (stage: string, text: string) => {
    const next = { ...instructions };
    if (text) next[stage] = text;
    else delete next[stage];
    form.setValue(`${base}.stage_instructions`, next, { shouldDirty: true });
  };
  const instructionErrors = errors?.stage_instructions as Record<string, Err> | undefined;
  const stageErrors = errors?.stages as (Err & Record<number, Err>) | undefined;

  // Stages the agent keeps but the CRM no longer has stay listed (checked) so they can be unticked.
  const stageRows = [...crmStages.map((s) => s.id), ...stages.filter((s) => !known.has(s))];
  const instructionStages = allStages
    ? [...crmStages.map((s) => s.id), ...Object.keys(instructions).filter((k) => !known.has(k))]
    : stages;

  return (
    <div
      className={cn('rounded-lg border bg-background/60 p-4', missing && 'border-warning/60')}
      data-testid="pipeline-card"
      data-pipeline-id={crm?.id}
    >
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div className="flex min-w-0 items-center gap-2">
          <p className="min-w-0 truncate text-sm font-semibold" data-testid="pipeline-card-name">
            {crm?.name ?? savedName ?? t('untitled')}
          </p>
          {missing && <MissingMarker />}
        </div>
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
      {fieldError(errors?.pipeline_id) && (
        <p className="mb-3 text-sm text-destructive" role="alert">
          {fieldError(errors?.pipeline_id)}
        </p>
      )}
      {crm === undefined ? (
        <Skeleton className="h-20" />
      ) : missing ? (
        <p className="text-sm text-muted-foreground">{tc('missing')}</p>
      ) : (
        <>
          <div className="flex items-start justify-between gap-4">
            <div className="space-y-1">
              <Label htmlFor={`${base}-all`}>{tc('allStages')}</Label>
              <p className="text-sm text-muted-foreground">{tc('allStagesHint')}</p>
            </div>
            <Switch id={`${base}-all`} checked={allStages} onCheckedChange={setAll} data-testid="pipeline-all-stages" className="mt-0.5" />
          </div>
          {!allStages && (
            <div className="mt-4 space-y-2">
              <Label>{tc('stages')}</Label>
              <div className="grid gap-1.5 sm:grid-cols-2 lg:grid-cols-3" role="group" aria-label={tc('stages')} data-testid="pipeline-stage-choices">
                {stageRows.map((id) => {
                  const s = stageById.get(id);
                  const checked = stages.includes(id);
                  return (
                    <Label
                      key={id}
                      htmlFor={`${base}-stage-${id}`}
                      className={cn(
                        'flex cursor-pointer items-center gap-2.5 rounded-md border px-2.5 py-2 font-normal hover:bg-accent/50',
                        checked && 'border-primary/50 bg-accent/40',
                        !s && 'border-warning/60',
                      )}
                    >
                      <Checkbox
                        id={`${base}-stage-${id}`}
                        checked={checked}
                        onCheckedChange={(on) => setStages(on ? [...stages, id] : stages.filter((x) => x !== id))}
                        data-testid="pipeline-stage"
                        data-name={s?.name ?? id}
                      />
                      <Dot color={s?.color} />
                      <span className="min-w-0 truncate">{s?.name ?? <span className="font-mono text-xs">{id}</span>}</span>
                      {!s && <MissingMarker className="ms-auto" />}
                    </Label>
                  );
                })}
              </div>
              {fieldError(stageErrors) && (
                <p className="text-sm text-destructive" role="alert">
                  {fieldError(stageErrors)}
                </p>
              )}
            </div>
          )}
          {instructionStages.length > 0 && (
            <div className="mt-5 space-y-3">
              <div className="space-y-1">
                <Label>{t('stageInstructions')}</Label>
                <p className="text-sm text-muted-foreground">{tc('instructionsHint')}</p>
              </div>
              {instructionStages.map((id) => {
                const s = stageById.get(id);
                return (
                  <FormField
                    key={id}
                    label={
                      <span className="flex items-center gap-2">
                        <Dot color={s?.color} />
                        {s?.name ?? <span className="font-mono text-xs">{id}</span>}
                        {!s && <MissingMarker />}
                      </span>
                    }
                    error={fieldError(instructionErrors?.[id])}
                  >
                    <Textarea
                      rows={2}
                      value={instructions[id] ?? ''}
                      onChange={(e) => setInstruction(id, e.target.value)}
                      placeholder={t('stageInstructionPlaceholder')}
                      data-testid="pipeline-stage-instruction"
                      data-stage={s?.code ?? id}
                    />
                  </FormField>
                );
              })}
            </div>
          )}
        </>
      )}
    </div>
  );
}
