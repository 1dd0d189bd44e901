'use client';
// The system instructions, with a live counter against the plan's limit.
import { useFormatter, useTranslations } from 'next-intl';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@/components/forms/resolver';
import { updateAgentSchema } from '@/lib/agents/schemas';
import { cn } from '@/lib/utils/cn';
import { Textarea } from '@/components/ui/textarea';
import { FormField } from '@/components/ui/form-field';
import { api, ApiError } from '../../api-client';
import type { FullAgent } from '../../types';
import { useFieldError } from '../../use-api-errors';
import { useEditor, useEditorForm, usePatchAgentCache } from '../editor-context';
import { EditorFieldset, Section } from '../section';

const OVER_PLAN = 'plan';

export function InstructionsTab() {
  const t = useTranslations('agents.instructions');
  const format = useFormatter();
  const { agent, instructionsLimit } = useEditor();
  const patchCache = usePatchAgentCache();
  const fieldError = useFieldError();
  // PATCH /api/agents/:id parses the body with updateAgentSchema; the plan's limit is checked on save.
  const form = useForm({ resolver: zodResolver(updateAgentSchema), defaultValues: { system_instructions: agent.system_instructions } });
  const value = useWatch({ control: form.control, name: 'system_instructions' }) ?? '';
  const error = form.formState.errors.system_instructions;

  const overLimit = (limit: number) =>
    form.setError('system_instructions', { type: OVER_PLAN, message: t('overLimit', { limit: format.number(limit) }) }, { shouldFocus: true });

  const submit = useEditorForm(
    form,
    async (values) => {
      if ((values.system_instructions?.length ?? 0) > instructionsLimit) throw new ApiError(422, 'instructions_too_long_for_plan', '', { limit: instructionsLimit });
      const { agent: saved } = await api<{ agent: FullAgent }>('PATCH', `/api/agents/${agent.id}`, values);
      patchCache(saved);
      return { system_instructions: saved.system_instructions };
    },
    (err) => {
      if (!(err instanceof ApiError) || err.code !== 'instructions_too_long_for_plan') return false;
      overLimit(Number(err.details?.limit ?? instructionsLimit));
      return true;
    },
  );

  const ratio = value.length / instructionsLimit;
  return (
    <form onSubmit={submit} noValidate data-testid="agent-instructions-form">
      <EditorFieldset>
        <Section title={t('title')} description={t('description')}>
          <FormField
            label={t('label')}
            error={error?.type === OVER_PLAN ? error.message : fieldError(error)}
            description={t('hint')}
            required
          >
            <Textarea
              rows={18}
              className="max-h-[65vh] min-h-72 font-mono text-[13px] leading-6"
              placeholder={t('placeholder')}
              data-testid="agent-instructions"
              {...form.register('system_instructions')}
            />
          </FormField>
          <div className="mt-3 flex items-center justify-between gap-4 text-xs">
            <div className="h-1.5 flex-1 overflow-hidden rounded-full bg-muted" aria-hidden>
              <div
                className={cn('h-full rounded-full transition-[width]', ratio > 1 ? 'bg-destructive' : ratio > 0.9 ? 'bg-warning' : 'bg-primary')}
                style={{ width: `${Math.min(100, ratio * 100)}%` }}
              />
            </div>
            <span
              className={cn('tabular-nums', ratio > 1 ? 'font-medium text-destructive' : 'text-muted-foreground')}
              data-testid="agent-instructions-counter"
              aria-live="polite"
            >
              {t('counter', { count: format.number(value.length), limit: format.number(instructionsLimit) })}
            </span>
          </div>
        </Section>
      </EditorFieldset>
    </form>
  );
}
