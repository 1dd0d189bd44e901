'use client';
// Working hours: when on, the agent answers only inside them.
import { useTranslations } from 'next-intl';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@/components/forms/resolver';
import { scheduleProblem, updateAgentSchema } from '@/lib/agents/schemas';
import { api } from '../../api-client';
import type { FullAgent } from '../../types';
import type { AgentVocab } from '../../vocab';
import { useFieldError } from '../../use-api-errors';
import { useEditor, useEditorForm, usePatchAgentCache } from '../editor-context';
import { EditorFieldset, Section, SwitchRow } from '../section';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { fullWeek, ScheduleEditor } from '../schedule-editor';

/**
 * PATCH /api/agents/:id parses the body with updateAgentSchema, then checks scheduleProblem on the
 * merged agent; this form always sends both fields, so the same rule applies to the form as is.
 */
const scheduleSchema = updateAgentSchema.superRefine((a, ctx) => {
  const problem = scheduleProblem(a.schedule_enabled ?? false, a.working_schedule);
  if (problem) ctx.addIssue({ code: 'custom', path: ['working_schedule'], message: problem.message, params: { code: problem.code } });
});

const toForm = (a: Pick<FullAgent, 'schedule_enabled' | 'working_schedule' | 'off_hours_message'>, weekdays: AgentVocab['weekdays']) => ({
  schedule_enabled: a.schedule_enabled,
  working_schedule: fullWeek(a.working_schedule, weekdays),
  off_hours_message: a.off_hours_message ?? '',
});

export function ScheduleTab() {
  const t = useTranslations('agents.schedule');
  const { agent, canWrite, vocab } = useEditor();
  const patchCache = usePatchAgentCache();
  const fieldError = useFieldError();
  const form = useForm({ resolver: zodResolver(scheduleSchema), defaultValues: toForm(agent, vocab.weekdays) });
  const enabled = useWatch({ control: form.control, name: 'schedule_enabled' });
  const submit = useEditorForm(form, async (values) => {
    const offHours = values.off_hours_message?.trim() ?? '';
    const { agent: saved } = await api<{ agent: FullAgent }>('PATCH', `/api/agents/${agent.id}`, { ...values, off_hours_message: offHours || null });
    patchCache(saved);
    return toForm(saved, vocab.weekdays);
  });
  const scheduleError = form.formState.errors.working_schedule;

  return (
    <form onSubmit={submit} noValidate data-testid="agent-schedule-form">
      <EditorFieldset>
        <Section title={t('title')} description={t('description')}>
          <div className="space-y-5">
            <SwitchRow control={form.control} name="schedule_enabled" label={t('enabled')} description={t('enabledHint')} testId="schedule-enabled" />
            <Controller
              control={form.control}
              name="working_schedule"
              render={({ field }) => (
                <div className={enabled ? undefined : 'opacity-60'}>
                  <ScheduleEditor
                    value={fullWeek(field.value, vocab.weekdays)}
                    onChange={field.onChange}
                    errors={Array.isArray(scheduleError) ? scheduleError : undefined}
                    disabled={!canWrite}
                    testId="working-schedule"
                  />
                </div>
              )}
            />
            {scheduleError && !Array.isArray(scheduleError) && (
              <p className="text-sm font-medium text-destructive" role="alert">
                {fieldError(scheduleError as { message?: string; type?: string })}
              </p>
            )}
            <div className={enabled ? 'space-y-1.5' : 'space-y-1.5 opacity-60'}>
              <Label htmlFor="off-hours-message">{t('offHoursMessage')}</Label>
              <Textarea
                id="off-hours-message"
                rows={3}
                maxLength={4096}
                placeholder={t('offHoursPlaceholder')}
                aria-describedby="off-hours-message-hint"
                aria-invalid={!!form.formState.errors.off_hours_message}
                disabled={!canWrite}
                data-testid="off-hours-message"
                {...form.register('off_hours_message')}
              />
              <p id="off-hours-message-hint" className="text-sm text-muted-foreground">
                {t('offHoursMessageHint')}
              </p>
              {form.formState.errors.off_hours_message && (
                <p className="text-sm font-medium text-destructive" role="alert">
                  {fieldError(form.formState.errors.off_hours_message as { message?: string; type?: string })}
                </p>
              )}
            </div>
          </div>
        </Section>
      </EditorFieldset>
    </form>
  );
}
