'use client';
// Field issues of an API error as translated text by field path; 409 client_exists / channel_taken as a link.
import { useCallback } from 'react';
import { useTranslations } from 'next-intl';
import { ApiError } from '@/components/agents/api-client';
import { fieldErrorOf } from '@/components/forms/errors';
import { issueOfFieldError, issueText, type ErrorTranslator } from '@/lib/i18n/error-messages';

export function useIssueTexts() {
  const t = useTranslations('errors') as unknown as ErrorTranslator;
  return useCallback(
    (err: unknown): Record<string, string> => {
      const out: Record<string, string> = {};
      if (!(err instanceof ApiError)) return out;
      for (const issue of err.fields) {
        const text = issueText(t, issueOfFieldError(fieldErrorOf(issue), issue.field) ?? { code: 'invalid' });
        out[issue.field] ??= text;
      }
      return out;
    },
    [t],
  );
}

/** The existing client a 409 points at (`details.client_id`), if any. */
export function conflictClientId(err: unknown): string | null {
  if (!(err instanceof ApiError) || err.status !== 409) return null;
  const id = err.details?.client_id;
  return typeof id === 'string' ? id : null;
}
