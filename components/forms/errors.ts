'use client';
// Turns server-action errors ({ code, message, details }) and zod issues into translated UI text.
import { useTranslations } from 'next-intl';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';

export interface ServerError {
  code: string;
  message: string;
  details?: unknown;
}

interface FieldIssue {
  field: string;
  message: string;
  code?: string;
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
 * Puts validation issues from the server onto the matching form fields.
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
    if (name) setError(name, { type: issue.code ?? 'invalid', message: issue.message }, { shouldFocus: true });
    else all = false;
  }
  return all;
}

// Per-field overrides of the generic texts, by zod issue code.
const FIELD_TEXT: Record<string, Record<string, string>> = {
  password: { too_small: 'passwordTooShort', too_big: 'passwordTooLong', custom: 'passwordCommon', common_password: 'passwordCommon' },
  email: { invalid_format: 'invalidEmail', too_small: 'invalidEmail' },
  auto_resume_after: { too_small: 'numberTooSmall', too_big: 'numberTooLarge', invalid_type: 'numberRequired' },
};
const GENERIC_TEXT: Record<string, string> = {
  required: 'required',
  too_small: 'required',
  too_big: 'tooLong',
  invalid_type: 'required',
  invalid_value: 'invalidValue',
  invalid_format: 'invalidFormat',
  mismatch: 'passwordMismatch',
};

/** Translated text for a field error from react-hook-form (zod resolver or server issue). */
export function useFieldErrorText() {
  const t = useTranslations('common.fieldErrors');
  return (field: string, error: { type?: unknown; message?: unknown } | undefined): string | undefined => {
    if (!error) return undefined;
    const type = typeof error.type === 'string' ? error.type : '';
    return t(FIELD_TEXT[field]?.[type] ?? GENERIC_TEXT[type] ?? 'invalid');
  };
}

/** Translated form-level text for a server error code (falls back to a generic message). */
export function useErrorText() {
  const t = useTranslations('common.errors');
  return (err: ServerError | undefined): string | undefined => {
    if (!err) return undefined;
    if (err.code === 'rate_limited') {
      const seconds = retryAfterOf(err);
      return seconds ? t('rate_limited', { seconds }) : t('rate_limited_soon');
    }
    return t.has(err.code) ? t(err.code) : t('generic');
  };
}
