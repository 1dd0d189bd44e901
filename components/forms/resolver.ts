// react-hook-form resolver for zod schemas that keeps what the error mapper needs:
// the issue's code (a rule's own params.code first) as `type`, and zod's limits
// (origin, minimum, maximum, expected) as `types`, so texts never parse `message`.
import type { FieldError, FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import { toNestErrors, validateFieldsNatively } from '@hookform/resolvers';
import type { z } from 'zod';
import { issueCode, issueLimits } from '@/lib/i18n/error-messages';

type Issue = z.core.$ZodIssue & { params?: { code?: string } };

function flatten(issues: readonly Issue[]): Issue[] {
  return issues.flatMap((i) => {
    if (i.code === 'invalid_union' && i.errors.length) {
      const closest = i.errors.reduce((a, b) => (b.length < a.length ? b : a));
      return flatten(closest.map((e) => ({ ...e, path: [...i.path, ...e.path] }) as Issue));
    }
    return [i];
  });
}

export function zodResolver<S extends z.ZodType>(schema: S): Resolver<z.input<S> & FieldValues, unknown, z.output<S>> {
  return async (values, _context, options) => {
    const result = await schema.safeParseAsync(values);
    if (result.success) {
      if (options.shouldUseNativeValidation) validateFieldsNatively({}, options);
      return { values: result.data as z.output<S>, errors: {} };
    }
    const errors: Record<string, FieldError> = {};
    for (const issue of flatten(result.error.issues as Issue[])) {
      const path = issue.path.map(String).join('.');
      if (errors[path]) continue;
      errors[path] = { type: issueCode(issue), message: issue.message, types: { ...issueLimits(issue), field: path } } as FieldError;
    }
    return { values: {}, errors: toNestErrors(errors as FieldErrors, options) };
  };
}
