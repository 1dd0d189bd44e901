'use client';
// An API refusal of a connect or settings form: field issues onto the fields, the provider's
// verdict on a credential (invalid_bot_token …) onto that field, the rest as a form-level alert.
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from '@/components/agents/api-client';
import { fieldErrorOf } from '@/components/forms/errors';

/** Error codes that name one credential field. */
const CODE_FIELD: Record<string, string> = {
  invalid_bot_token: 'bot_token',
  invalid_access_token: 'access_token',
  invalid_phone_number_id: 'phone_number_id',
};

/** Returns true when every part of the error found a field. */
export function applyConnectError<T extends FieldValues>(err: unknown, setError: UseFormSetError<T>, values: T): boolean {
  if (!(err instanceof ApiError)) return false;
  const byCode = CODE_FIELD[err.code];
  if (byCode && byCode in values) {
    setError(byCode as Path<T>, { type: err.code, message: err.message, types: { field: byCode } }, { shouldFocus: true });
    return true;
  }
  if (!err.fields.length) return false;
  let all = true;
  for (const issue of err.fields) {
    const root = issue.field.split('.')[0];
    if (root in values) setError(root as Path<T>, fieldErrorOf({ ...issue, field: root }), { shouldFocus: true });
    else all = false;
  }
  return all;
}
