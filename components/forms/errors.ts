'use client';
// Server-action errors ({ code, message, details }) and zod issues as translated UI text, through
// the one mapper in lib/i18n/error-messages.ts (codes, never the English message).
import { useTranslations } from 'next-intl';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { errorText, issueOfFieldError, issueText, type ErrorTranslator } from '@/lib/i18n/error-messages';

export interface ServerError {
  code: string;
  message: string;
  details?: unknown;
}

interface FieldIssue {
  field: string;
  message: string;
  code?: string;
  origin?: string;
  minimum?: number | string;
  maximum?: number | string;
  expected?: string;
}

/** The `{ serverError }` part of a next-safe-action result, when there is one. */
export function serverErrorOf(result: { serverError?: unknown } | undefined): ServerError | undefined {
  const e = result?.serverError as ServerError | undefined;
  return e && typeof e.code === 'string' ? e : undefined;
}

export function fieldIssuesOf(err: ServerError | undefined): FieldIssue[] {
  const fields = (err?.details as { fields?: unknown } | null | undefined)?.fields;
  return Array.isArray(fields) ? (fields as FieldIssue[]) : [];
}

export function retryAfterOf(err: ServerError | undefined): number | undefined {
  const s = (err?.details as { retry_after_seconds?: unknown } | null | undefined)?.retry_after_seconds;
  return typeof s === 'number' && s > 0 ? s : undefined;
}

/**
 * Puts validation issues from the server onto the matching form fields, keeping
 * their code and limits for the error mapper.
 * Returns true when every issue found a field (so no form-level message is needed).
 */
export function applyFieldIssues<T extends FieldValues>(
  err: ServerError | undefined,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): boolean {
  const issues = fieldIssuesOf(err);
  if (!issues.length) return false;
  let all = true;
  for (const issue of issues) {
    const name = fields.find((f) => f === issue.field);
    if (name) setError(name, fieldErrorOf(issue), { shouldFocus: true });
    else all = false;
  }
  return all;
}

/** A server field issue as a react-hook-form error: code as `type`, limits and field in `types`. */
export function fieldErrorOf(issue: FieldIssue) {
  const types: Record<string, string> = { field: issue.field };
  for (const k of ['origin', 'minimum', 'maximum', 'expected'] as const) if (issue[k] !== undefined) types[k] = String(issue[k]);
  return { type: issue.code ?? 'invalid', message: issue.message, types };
}

/** Translated text for a field error from react-hook-form (our zod resolver or a server issue). */
export function useFieldErrorText() {
  const t = useTranslations('errors') as unknown as ErrorTranslator;
  return (field: string, error: { type?: unknown; message?: unknown; types?: unknown } | undefined): string | undefined => {
    const issue = issueOfFieldError(error, field);
    return issue ? issueText(t, issue) : undefined;
  };
}

/** Translated form-level text for a server error code (unknown codes show the server's message). */
export function useErrorText() {
  const t = useTranslations('errors') as unknown as ErrorTranslator;
  return (err: ServerError | undefined): string | undefined => errorText(t, err);
}
