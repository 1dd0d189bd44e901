'use client';
// Creativity, reply delay, language detection and the language replies are written in.
import { useTranslations } from 'next-intl';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@/components/forms/resolver';
import { updateAgentSchema } from '@/lib/agents/schemas';
import { cn } from '@/lib/utils/cn';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { FormField } from '@/components/ui/form-field';
import { RadioGroup, RadioGroupItem } from '@/components/ui/radio-group';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { api } from '../../api-client';
import type { FullAgent } from '../../types';
import type { CreativityLevel as Level } from '../../vocab';
import { useFieldError } from '../../use-api-errors';
import { useEditor, useEditorForm, usePatchAgentCache } from '../editor-context';
import { EditorFieldset, Section, SwitchRow } from '../section';

const LANGUAGES = ['ru', 'kk', 'en', 'uz', 'ky', 'tr'] as const;
const NONE = 'none';
const MAX_DELAY = 300;

const toForm = (a: FullAgent | Pick<FullAgent, 'creativity_level' | 'response_delay_seconds' | 'auto_detect_language' | 'response_language'>) => ({
  creativity_level: a.creativity_level as Level,
  response_delay_seconds: a.response_delay_seconds,
  auto_detect_language: a.auto_detect_language,
  response_language: a.response_language,
});

export function AdvancedTab() {
  const t = useTranslations('agents.advanced');
  const { agent, vocab } = useEditor();
  const patchCache = usePatchAgentCache();
  const fieldError = useFieldError();
  // PATCH /api/agents/:id parses the body with updateAgentSchema (an emptied delay is NaN: "required").
  const form = useForm({ resolver: zodResolver(updateAgentSchema), defaultValues: toForm(agent) });
  const { errors } = form.formState;
  const submit = useEditorForm(form, async (values) => {
    const { agent: saved } = await api<{ agent: FullAgent }>('PATCH', `/api/agents/${agent.id}`, values);
    patchCache(saved);
    return toForm(saved);
  });

  return (
    <form onSubmit={submit} noValidate data-testid="agent-advanced-form">
      <EditorFieldset>
        <Section title={t('creativityTitle')} description={t('creativityDescription')}>
          <Controller
            control={form.control}
            name="creativity_level"
            render={({ field }) => (
              <RadioGroup value={field.value} onValueChange={field.onChange} className="grid gap-3 sm:grid-cols-3" aria-label={t('creativityTitle')}>
                {vocab.creativityLevels.map((level) => (
                  <Label
                    key={level}
                    htmlFor={`creativity-${level}`}
                    className={cn(
                      'flex cursor-pointer flex-col items-start gap-1.5 rounded-lg border p-4 font-normal transition-colors hover:bg-accent/40',
                      field.value === level && 'border-primary bg-accent/50 ring-1 ring-primary/30',
                    )}
                  >
                    <span className="flex items-center gap-2 font-medium">
                      <RadioGroupItem value={level} id={`creativity-${level}`} data-testid={`creativity-${level}`} />
                      {t(`levels.${level}.title`)}
                    </span>
                    <span className="text-sm leading-snug text-muted-foreground">{t(`levels.${level}.hint`)}</span>
                  </Label>
                ))}
              </RadioGroup>
            )}
          />
        </Section>

        <Section title={t('delayTitle')} description={t('delayDescription')}>
          <Controller
            control={form.control}
            name="response_delay_seconds"
            render={({ field }) => (
              <FormField error={fieldError(errors.response_delay_seconds)}>
                {(p) => (
                  <div className="flex items-center gap-4">
                    <input
                      type="range"
                      min={0}
                      max={MAX_DELAY}
                      step={5}
                      value={Number.isFinite(field.value) ? field.value : 0}
                      onChange={(e) => field.onChange(Number(e.target.value))}
                      className="h-2 flex-1 cursor-pointer accent-primary disabled:cursor-not-allowed"
                      aria-label={t('delayLabel')}
                      data-testid="delay-slider"
                    />
                    <div className="flex items-center gap-2">
                      <Input
                        {...p}
                        type="number"
                        min={0}
                        max={MAX_DELAY}
                        value={Number.isFinite(field.value) ? field.value : ''}
                        onChange={(e) => field.onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
                        onBlur={field.onBlur}
                        className="w-20 tabular-nums"
                        aria-label={t('delayLabel')}
                        data-testid="delay-input"
                      />
                      <span className="text-sm text-muted-foreground">{t('seconds')}</span>
                    </div>
                  </div>
                )}
              </FormField>
            )}
          />
        </Section>

        <Section title={t('languageTitle')} description={t('languageDescription')}>
          <div className="grid gap-6">
            <SwitchRow control={form.control} name="auto_detect_language" label={t('autoDetect')} description={t('autoDetectHint')} testId="auto-detect-language" />
            <FormField label={t('responseLanguage')} description={t('responseLanguageHint')} error={fieldError(errors.response_language)}>
              {(p) => (
                <Controller
                  control={form.control}
                  name="response_language"
                  render={({ field }) => (
                    <Select value={field.value ?? NONE} onValueChange={(v) => field.onChange(v === NONE ? null : v)}>
                      <SelectTrigger {...p} className="sm:max-w-xs" data-testid="response-language">
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        <SelectItem value={NONE}>{t('languageNone')}</SelectItem>
                        {LANGUAGES.map((l) => (
                          <SelectItem key={l} value={l}>
                            {t(`languages.${l}`)}
                          </SelectItem>
                        ))}
                        {field.value && !(LANGUAGES as readonly string[]).includes(field.value) && <SelectItem value={field.value}>{field.value}</SelectItem>}
                      </SelectContent>
                    </Select>
                  )}
                />
              )}
            </FormField>
          </div>
        </Section>
      </EditorFieldset>
    </form>
  );
}
