// Turns any error into the HTTP envelope; unexpected ones are logged (without
// query parameters) and never echoed.
import { logger } from '@/lib/log/logger';
import { errorBody, toAppError } from './errors';

/**
 * What of an unexpected error may be logged: query errors carry their bound
 * parameters (password hashes, tokens), so those are cut off.
 */
export function loggableError(err: unknown): Record<string, unknown> {
  const e = err as { name?: string; message?: string; code?: string; stack?: string; cause?: { message?: string; code?: string } };
  const strip = (m?: string) => m?.split(/\nparams:/)[0]?.slice(0, 2000);
  return {
    name: e?.name,
    message: strip(e?.message),
    code: e?.code ?? e?.cause?.code,
    cause: e?.cause ? { message: strip(e.cause.message), code: e.cause.code } : undefined,
    stack: e?.stack?.split('\n').filter((l) => l.trim().startsWith('at ')).slice(0, 8).join('\n'),
  };
}

/** Maps any error to a Response; unknown errors are logged, never echoed. */
export function errorResponse(err: unknown, requestId?: string): Response {
  const appErr = toAppError(err);
  if (appErr.status >= 500) logger.error({ err: loggableError(err) }, 'unhandled error');
  return Response.json(errorBody(appErr, requestId), { status: appErr.status, headers: appErr.headers });
}
