'use client';
// API errors and zod issues as translated text (one mapper: lib/i18n/error-messages.ts, by code):
// field errors onto the form, the rest into a toast.
import { useCallback, useEffect } from 'react';
import { useTranslations } from 'next-intl';
import type { FieldError, FieldValues, Path, Resolver, UseFormReturn, UseFormSetError } from 'react-hook-form';
import { zodResolver } from '@/components/forms/resolver';
import type { z } from 'zod';
import { toast } from '@/components/ui/sonner';
import { errorText, issueOfFieldError, issueText, type ErrorTranslator } from '@/lib/i18n/error-messages';
import { fieldErrorOf } from '@/components/forms/errors';
import { ApiError } from './api-client';

/** Translated text for an API error by its code (unknown codes show the server's message). */
export function useErrorText() {
  const t = useTranslations('errors') as unknown as ErrorTranslator;
  return useCallback(
    (err: unknown): string => {
      if (err instanceof ApiError) return errorText(t, { code: err.code, message: err.message, status: err.status, details: err.details }) ?? t('codes.generic');
      if (err instanceof TypeError) return t('codes.network');
      return t('codes.generic');
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
    if (root in values) setError(issue.field as Path<T>, fieldErrorOf(issue));
    else all = false;
  }
  return all;
}

/** Translated text for a react-hook-form error (our zod resolver or the server), by code and limits. */
export function useFieldError() {
  const t = useTranslations('errors') as unknown as ErrorTranslator;
  return useCallback(
    (error: FieldError | { message?: string; type?: string; types?: unknown } | undefined): string | undefined => {
      const issue = issueOfFieldError(error);
      return issue ? issueText(t, issue) : undefined;
    },
    [t],
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
