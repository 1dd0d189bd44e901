'use client';
// Turns API errors and zod issues into translated text: field errors onto the form, the rest into a toast.
import { useCallback, useEffect } from 'react';
import { useTranslations } from 'next-intl';
import type { FieldError, FieldValues, Path, Resolver, UseFormReturn, UseFormSetError } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
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
  const tKb = useTranslations('kb');
  return useCallback(
    (err: unknown): string => {
      if (err instanceof ApiError) {
        if (err.code === 'category_name_taken') return tKb('categoryNameTaken');
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
    [t, tKb],
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
  const tKb = useTranslations('kb');
  return useCallback(
    (error: FieldError | { message?: string; type?: string } | undefined): string | undefined => {
      if (!error) return undefined;
      const message = typeof error.message === 'string' ? error.message : '';
      const type = typeof error.type === 'string' ? error.type : '';
      if (type === 'category_name_taken') return tKb('categoryNameTaken');
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
      // Issues re-raised under another path (a trigger action's settings) arrive as `custom`.
      if (/cannot be empty/.test(message)) return t('required');
      if (/at least \d+ characters/.test(message)) return t('minChars', { n });
      if (/at most \d+ characters/.test(message)) return t('maxChars', { n });
      return t('invalid');
    },
    [t, tKb],
  );
}

/**
 * `zodResolver(schema)` typed for a form whose values are `V` rather than the schema's input: for
 * dialogs that POST to create and PATCH to edit, each checked with its endpoint's schema. The
 * call only compiles when `V` is a valid input of the schema; the submit handler gets its output.
 */
export function resolverFor<V extends FieldValues>() {
  return <S extends z.ZodType>(schema: S, ..._valuesFit: [V] extends [z.input<S>] ? [] : [never]) =>
    zodResolver(schema as z.ZodType<z.output<S>, V>) as Resolver<V, unknown, z.output<S>>;
}

type ErrorLike = { message?: string; type?: string };

/**
 * The error to show for a list or record field: its own, or the first one of its entries
 * (a duplicate in a tag list is reported on `field.<index>`).
 */
export function firstError(error: unknown): ErrorLike | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as Record<string, unknown>;
  if (typeof e.type === 'string' || typeof e.message === 'string') return e as ErrorLike;
  for (const v of Object.values(e)) {
    const found = firstError(v);
    if (found) return found;
  }
  return undefined;
}

/**
 * Server-side issues stay on a field until it is edited. (Agent forms validate in the browser
 * with the API's own schema from lib/agents/schemas.ts; the server's issues are the second line.)
 */
export function useClearErrorsOnChange<T extends FieldValues>(form: UseFormReturn<T, unknown, unknown>) {
  useEffect(() => {
    const sub = form.watch((_values, { name }) => {
      if (name && form.getFieldState(name).error) form.clearErrors(name);
    });
    return () => sub.unsubscribe();
  }, [form]);
}
