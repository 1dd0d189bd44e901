// The one mapper from error codes to catalogue text (lib/i18n/messages/<locale>/errors.json):
// API and server-action errors by their `code`, zod issues by their issue code (or the
// rule's own code in `params.code`) plus the limits zod reports. Nothing here reads the
// English `message`, except to show it when a code is unknown to the catalogue.

/** A translator bound to the `errors` namespace (next-intl's `useTranslations('errors')`). */
export interface ErrorTranslator {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}

export interface ErrorLike {
  code: string;
  message?: string;
  /** HTTP status when the error came from the REST API. */
  status?: number;
  details?: unknown;
}

export interface IssueLike {
  /** Path of the field ("steps.0.actions"); the last named segment picks field-specific text. */
  field?: string;
  /** zod issue code, or a rule's own code (params.code), e.g. end_before_start. */
  code?: string;
  origin?: string;
  minimum?: number | string;
  maximum?: number | string;
  expected?: string;
  message?: string;
}

const detail = (err: ErrorLike, key: string): unknown =>
  err.details && typeof err.details === 'object' ? (err.details as Record<string, unknown>)[key] : undefined;

/** Text for an API / server-action error; unknown codes show the server's message. */
export function errorText(t: ErrorTranslator, err: ErrorLike | undefined): string | undefined {
  if (!err) return undefined;
  if (err.code === 'rate_limited') {
    const seconds = Number(detail(err, 'retry_after_seconds'));
    return seconds > 0 ? t('codes.rate_limited', { seconds }) : t('codes.rate_limited_soon');
  }
  if (err.code === 'instructions_too_long_for_plan') {
    return t('codes.instructions_too_long_for_plan', { limit: Number(detail(err, 'limit') ?? 0) });
  }
  if (t.has(`codes.${err.code}`)) return t(`codes.${err.code}`);
  if ((err.status ?? 0) >= 500) return t('codes.internal_error');
  return err.message?.trim() || t('codes.generic');
}

// Built-in zod issue codes (anything else is a rule's own code).
const ZOD_CODES = new Set([
  'invalid_type',
  'too_big',
  'too_small',
  'invalid_format',
  'not_multiple_of',
  'unrecognized_keys',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'invalid_value',
  'custom',
]);

// Field-specific wording, by the last named segment of the path and the issue code.
const FIELD_TEXT: Record<string, Record<string, string>> = {
  password: { too_small: 'passwordTooShort', too_big: 'passwordTooLong', custom: 'passwordCommon', common_password: 'passwordCommon' },
  email: { invalid_format: 'invalidEmail', too_small: 'invalidEmail' },
  start: { invalid_format: 'time', invalid_type: 'time' },
  end: { invalid_format: 'time', invalid_type: 'time' },
  categories: { too_small: 'chooseCategory' },
  actions: { too_small: 'needAction' },
  steps: { too_small: 'needStep' },
};

const leafOf = (field = '') =>
  field
    .split('.')
    .filter((s) => s && !/^\d+$/.test(s))
    .pop() ?? '';

/** Text for one field issue (from the zod resolver in the browser or the API's details.fields). */
export function issueText(t: ErrorTranslator, issue: IssueLike): string {
  const code = issue.code ?? 'custom';
  if (!ZOD_CODES.has(code) && t.has(`issues.${code}`)) return t(`issues.${code}`);
  const byField = FIELD_TEXT[leafOf(issue.field)]?.[code];
  if (byField) return t(`issues.${byField}`);
  const min = Number(issue.minimum);
  const max = Number(issue.maximum);
  switch (code) {
    case 'too_small':
      if (issue.origin === 'number') return Number.isFinite(min) ? t('issues.numberMin', { min }) : t('issues.invalid');
      if (issue.origin === 'string' && min > 1) return t('issues.minChars', { n: min });
      return t('issues.required');
    case 'too_big':
      if (issue.origin === 'number') return Number.isFinite(max) ? t('issues.numberMax', { max }) : t('issues.invalid');
      if (issue.origin === 'string' && Number.isFinite(max)) return t('issues.maxChars', { n: max });
      return t('issues.tooLong');
    case 'invalid_type':
      return issue.expected === 'number' ? t('issues.numberRequired') : t('issues.required');
    case 'invalid_value':
      return t('issues.invalidValue');
    case 'invalid_format':
      return t('issues.invalidFormat');
    default:
      return t.has(`issues.${code}`) ? t(`issues.${code}`) : t('issues.invalid');
  }
}

/** The structured part of a zod issue that issueText needs (kept on react-hook-form errors as `types`, and in the API's details.fields). */
export function issueLimits(issue: { code?: string; params?: { code?: string }; origin?: unknown; minimum?: unknown; maximum?: unknown; expected?: unknown }) {
  const out: Record<string, string> = {};
  for (const k of ['origin', 'minimum', 'maximum', 'expected'] as const) {
    const v = issue[k];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') out[k] = String(v);
  }
  return out;
}

/**
 * The issue behind a react-hook-form error (our resolver, or setError from the
 * server's details.fields): `type` is the code, `types` the limits and field.
 */
export function issueOfFieldError(error: { type?: unknown; message?: unknown; types?: unknown } | undefined, field?: string): IssueLike | undefined {
  if (!error) return undefined;
  const types = (error.types && typeof error.types === 'object' ? error.types : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  return {
    field: field ?? str(types.field),
    code: str(error.type),
    origin: str(types.origin),
    minimum: str(types.minimum),
    maximum: str(types.maximum),
    expected: str(types.expected),
    message: str(error.message),
  };
}

/** An issue's code: the rule's own (params.code) when it names one. */
export function issueCode(issue: { code?: string; params?: { code?: string } }): string {
  return issue.params?.code ?? issue.code ?? 'custom';
}
