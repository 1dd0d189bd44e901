// Widget and connect bodies: bad input is 422 validation_error naming the fields
// (docs/channels-api.md), where the generic parseJson answers 400.
import type { z } from 'zod';
import { AppError } from '@/lib/api/errors';
import { parseJson, parseOptionalJson } from '@/lib/api/request';

function as422(err: unknown): never {
  if (err instanceof AppError && err.status === 400 && err.code === 'validation_error') {
    throw new AppError(422, 'validation_error', err.message, err.details);
  }
  throw err;
}

export async function parseBody<S extends z.ZodType>(req: Request, schema: S, optional = false): Promise<z.infer<S>> {
  try {
    return await (optional ? parseOptionalJson(req, schema) : parseJson(req, schema));
  } catch (err) {
    as422(err);
  }
}
