'use client';
// Workspace-wide agent behaviour when a human steps in (stop, and when to resume).
import { useRouter } from 'next/navigation';
import { Controller, useForm } from 'react-hook-form';
import { useTranslations } from 'next-intl';
import { zodResolver } from '@/components/forms/resolver';
import type { z } from 'zod';
import { InfoIcon } from 'lucide-react';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Switch } from '@/components/ui/switch';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { toast } from '@/components/ui/sonner';
import { SubmitButton } from '@/components/forms/submit-button';
import { applyFieldIssues, serverErrorOf, useErrorText, useFieldErrorText } from '@/components/forms/errors';
import { AUTO_RESUME_UNITS, updateSettingsSchema } from '@/lib/users/schemas';
import { useWorkspaceAction } from '@/components/dashboard/workspace-context';
import { updateAgentSettingsAction } from '@/app/(dashboard)/w/[slug]/settings/actions';

type FormIn = z.input<typeof updateSettingsSchema>;
type FormOut = z.output<typeof updateSettingsSchema>;
type Unit = (typeof AUTO_RESUME_UNITS)[number];

// Stored values are the seed's Russian words; labels are translated per locale.
const UNIT_KEY: Record<Unit, 'minutes' | 'hours' | 'days'> = { минут: 'minutes', часов: 'hours', дней: 'days' };
const UNIT_ORDER: Unit[] = ['минут', 'часов', 'дней'];

export function AgentSettingsForm({
  stopOnHumanReply,
  autoResumeAfter,
  autoResumeUnit,
  canWrite,
}: {
  stopOnHumanReply: boolean;
  autoResumeAfter: number;
  autoResumeUnit: string;
  canWrite: boolean;
}) {
  const t = useTranslations('settings.agents');
  const fieldText = useFieldErrorText();
  const errorText = useErrorText();
  const router = useRouter();
  const updateAgentSettings = useWorkspaceAction(updateAgentSettingsAction);
  const unit = (AUTO_RESUME_UNITS as readonly string[]).includes(autoResumeUnit) ? (autoResumeUnit as Unit) : 'дней';
  const { register, control, handleSubmit, setError, reset, formState, watch } = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(updateSettingsSchema),
    defaultValues: { stop_on_human_reply: stopOnHumanReply, auto_resume_after: autoResumeAfter, auto_resume_unit: unit },
  });
  const { errors, isSubmitting, isDirty } = formState;
  const count = Number(watch('auto_resume_after')) || 0;

  const onSubmit = handleSubmit(async (values) => {
    const result = await updateAgentSettings(values);
    const err = serverErrorOf(result);
    if (err || !result?.data) {
      if (!(err?.code === 'validation_error' && applyFieldIssues(err, setError, ['auto_resume_after', 'auto_resume_unit']))) {
        toast.error(errorText(err));
      }
      return;
    }
    reset({
      stop_on_human_reply: result.data.stop_on_human_reply ?? values.stop_on_human_reply,
      auto_resume_after: result.data.auto_resume_after ?? values.auto_resume_after,
      auto_resume_unit: (result.data.auto_resume_unit as Unit | null) ?? values.auto_resume_unit,
    });
    toast.success(t('saved'));
    router.refresh();
  });

  const resumeError = fieldText('auto_resume_after', errors.auto_resume_after) ?? fieldText('auto_resume_unit', errors.auto_resume_unit);

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-6" data-testid="agent-settings-form">
      {!canWrite && (
        <p className="flex items-start gap-2 rounded-lg border bg-muted/50 px-3.5 py-3 text-sm text-muted-foreground" data-testid="agent-settings-readonly">
          <InfoIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
          {t('readOnly')}
        </p>
      )}
      <fieldset disabled={!canWrite} className="grid gap-6 disabled:opacity-70">
        <div className="flex items-start justify-between gap-6">
          <div className="grid gap-1.5">
            <Label htmlFor="stop-on-human-reply">{t('stopOnHumanReply.label')}</Label>
            <p className="text-sm text-muted-foreground">{t('stopOnHumanReply.description')}</p>
          </div>
          <Controller
            control={control}
            name="stop_on_human_reply"
            render={({ field }) => (
              <Switch
                id="stop-on-human-reply"
                checked={!!field.value}
                onCheckedChange={field.onChange}
                disabled={!canWrite}
                className="dark:data-[state=unchecked]:bg-muted-foreground/40"
                data-testid="stop-on-human-reply"
              />
            )}
          />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="auto-resume-after">{t('autoResume.label')}</Label>
          <div className="flex flex-wrap items-center gap-2">
            <Input
              id="auto-resume-after"
              type="number"
              inputMode="numeric"
              min={1}
              className="w-28"
              aria-invalid={errors.auto_resume_after ? true : undefined}
              data-testid="auto-resume-after"
              {...register('auto_resume_after', { valueAsNumber: true })}
            />
            <Controller
              control={control}
              name="auto_resume_unit"
              render={({ field }) => (
                <Select value={field.value} onValueChange={field.onChange} disabled={!canWrite}>
                  <SelectTrigger className="w-40" aria-label={t('autoResume.unit')} data-testid="auto-resume-unit">
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {UNIT_ORDER.map((u) => (
                      <SelectItem key={u} value={u} data-testid={`auto-resume-unit-${UNIT_KEY[u]}`}>
                        {t(`units.${UNIT_KEY[u]}`, { count })}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            />
          </div>
          {resumeError ? (
            <p role="alert" className="text-sm font-medium text-destructive">{resumeError}</p>
          ) : (
            <p className="text-sm text-muted-foreground">{t('autoResume.description')}</p>
          )}
        </div>
      </fieldset>
      {canWrite && (
        <div className="flex justify-end border-t pt-5">
          <SubmitButton pending={isSubmitting} disabled={!isDirty} data-testid="agent-settings-submit">
            {t('save')}
          </SubmitButton>
        </div>
      )}
    </form>
  );
}
