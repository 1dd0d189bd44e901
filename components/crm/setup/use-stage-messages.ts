'use client';
// Messages of the stage checks, and the API's field issues on `stages.<i>.<col>` for the stages editor.
import { useCallback, useMemo } from 'react';
import { useTranslations } from 'next-intl';
import { ApiError } from '@/components/agents/api-client';
import { issueText, type ErrorTranslator } from '@/lib/i18n/error-messages';

export function useStageMessages() {
  const t = useTranslations('crmSetup.stages');
  return useMemo(() => ({ required: t('required'), code: t('codeFormat'), duplicate: t('duplicate') }), [t]);
}

/** Field issues of an API error by field path, translated; `prefix` is stripped ("stages."). */
export function useServerFieldErrors() {
  const t = useTranslations('errors') as unknown as ErrorTranslator;
  return useCallback(
    (err: unknown, prefix = ''): Record<string, string> | null => {
      if (!(err instanceof ApiError) || !err.fields.length) return null;
      const out: Record<string, string> = {};
      for (const f of err.fields) {
        const key = prefix && f.field.startsWith(prefix) ? f.field.slice(prefix.length) : f.field;
        out[key] = issueText(t, f);
      }
      return out;
    },
    [t],
  );
}
