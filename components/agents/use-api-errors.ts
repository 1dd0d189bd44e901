'use client';
// Turns API errors and zod issues into translated text: field errors onto the form, the rest into a toast.
import { useCallback, useEffect } from 'react';
import { useTranslations } from 'next-intl';
import type { FieldError, FieldValues, Path, UseFormReturn, UseFormSetError } from 'react-hook-form';
import { toast } from '@/components/ui/sonner';
import { ApiError } from './api-client';

/** Codes with their own sentence in `agents.shared.errors`; anything else shows the server's message. */
const KNOWN_CODES = new Set([
  'not_found',
  'forbidden',
  'unauthorized',
  'rate_limited',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'instructions_too_long_for_plan',
  'agent_limit_reached',
  'category_too_deep',
  'category_cycle',
  'invalid_parent',
  'no_parent_category',
  'internal_error',
  'network',
]);

export function useErrorText() {
  const t = useTranslations('agents.shared.errors');
  return useCallback(
    (err: unknown): string => {
      if (err instanceof ApiError) {
        if (err.code === 'instructions_too_long_for_plan') {
          return t('instructions_too_long_for_plan', { limit: Number(err.details?.limit ?? 0) });
        }
        if (KNOWN_CODES.has(err.code)) return t(err.code as 'not_found');
        if (err.status >= 500) return t('internal_error');
        return err.message || t('generic');
      }
      if (err instanceof TypeError) return t('network');
      return t('generic');
    },
    [t],
  );
}

export function useErrorToast() {
  const text = useErrorText();
  return useCallback((err: unknown) => toast.error(text(err)), [text]);
}

/**
 * Puts the API's field issues onto the form (paths are the API's field names, which
 * the forms mirror). Returns true when every issue found a place on the form.
 */
export function applyServerErrors<T extends FieldValues>(err: unknown, setError: UseFormSetError<T>, values: T): boolean {
  if (!(err instanceof ApiError) || !err.fields.length) return false;
  let all = true;
  for (const issue of err.fields) {
    const root = issue.field.split('.')[0];
    if (root in values) setError(issue.field as Path<T>, { type: issue.code ?? 'server', message: issue.message });
    else all = false;
  }
  return all;
}

const BETWEEN = /between (-?\d+) and (-?\d+)/;
/** zod messages are English sentences; recognisable custom rules get their own text. */
const CUSTOM_RULES: [RegExp, string][] = [
  [/later than start/, 'endAfterStart'],
  [/active pipeline needs stages/, 'pipelineNeedsStages'],
  [/is not among stages/, 'stageNotListed'],
  [/twice/, 'duplicate'],
  [/condition_stages is required/, 'stagesRequired'],
  [/at least one enabled day/, 'scheduleNeedsDay'],
  [/HH:MM/, 'time'],
];

/** Translated text for a react-hook-form error (from zodResolver or from the server). */
export function useFieldError() {
  const t = useTranslations('agents.shared.fieldErrors');
  return useCallback(
    (error: FieldError | { message?: string; type?: string } | undefined): string | undefined => {
      if (!error) return undefined;
      const message = typeof error.message === 'string' ? error.message : '';
      const type = typeof error.type === 'string' ? error.type : '';
      const range = BETWEEN.exec(message);
      if (range) return t('range', { min: Number(range[1]), max: Number(range[2]) });
      const n = Number(/(\d+)/.exec(message)?.[1] ?? NaN);
      if (type === 'too_small') {
        if (/choose at least one category|at least one action|at least one step|cannot be empty|is required/.test(message)) {
          return t(/category/.test(message) ? 'chooseCategory' : /action/.test(message) ? 'needAction' : /step/.test(message) ? 'needStep' : 'required');
        }
        return n > 1 ? t('minChars', { n }) : t('required');
      }
      if (type === 'too_big') return Number.isFinite(n) ? t('maxChars', { n }) : t('invalid');
      if (type === 'invalid_type') return t('required');
      if (type === 'invalid_value' || type === 'invalid_format') {
        return /HH:MM/.test(message) ? t('time') : t('invalid');
      }
      for (const [re, key] of CUSTOM_RULES) if (re.test(message)) return t(key);
      return t('invalid');
    },
    [t],
  );
}

/**
 * Server-side issues stay on a field until it is edited. (Agent forms are validated by the
 * API with the shared schema; see components/agents/vocab.ts for why not in the browser.)
 */
export function useClearErrorsOnChange<T extends FieldValues>(form: UseFormReturn<T, unknown, unknown>) {
  useEffect(() => {
    const sub = form.watch((_values, { name }) => {
      if (name && form.getFieldState(name).error) form.clearErrors(name);
    });
    return () => sub.unsubscribe();
  }, [form]);
}
