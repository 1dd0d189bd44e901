// One error type for domain code and the mapping to the HTTP envelope
// { error: { code, message, details } }. No server-only imports: schemas that
// throw these errors are also used by forms in the browser.
import { ZodError } from 'zod';

export type ErrorCode =
  | 'validation_error'
  | 'invalid_json'
  | 'unauthorized'
  | 'invalid_credentials'
  | 'token_expired'
  | 'invalid_token'
  | 'token_reused'
  | 'forbidden'
  | 'not_a_member'
  | 'origin_not_allowed'
  | 'not_found'
  | 'conflict'
  | 'email_taken'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'weak_password'
  | 'rate_limited'
  | 'internal_error'
  | (string & {});

export interface FieldIssue {
  field: string;
  message: string;
  code?: string;
  /** What zod checked and its limit, so clients can word the issue themselves (by code, not message). */
  origin?: string;
  minimum?: number;
  maximum?: number;
  expected?: string;
}

export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: unknown,
    public readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError(400, 'validation_error', message, details);
export const unauthorized = (message = 'Authentication required', code: ErrorCode = 'unauthorized') =>
  new AppError(401, code, message);
export const forbidden = (message = 'You do not have permission to do this', code: ErrorCode = 'forbidden') =>
  new AppError(403, code, message);
export const notFound = (entity = 'Resource') => new AppError(404, 'not_found', `${entity} not found`);
export const conflict = (message: string, code: ErrorCode = 'conflict') => new AppError(409, code, message);
export const unprocessable = (message: string, details?: unknown, code: ErrorCode = 'unprocessable') =>
  new AppError(422, code, message, details);

export function fieldIssues(err: ZodError): FieldIssue[] {
  return err.issues.map((i) => {
    const extra = i as { origin?: unknown; minimum?: unknown; maximum?: unknown; expected?: unknown };
    return {
      field: i.path.map(String).join('.') || '(body)',
      message: i.message,
      // Custom rules name themselves (e.g. common_password) through params.code.
      code: ((i as { params?: { code?: string } }).params?.code ?? i.code) as string,
      ...(typeof extra.origin === 'string' ? { origin: extra.origin } : {}),
      ...(typeof extra.minimum === 'number' ? { minimum: extra.minimum } : {}),
      ...(typeof extra.maximum === 'number' ? { maximum: extra.maximum } : {}),
      ...(typeof extra.expected === 'string' ? { expected: extra.expected } : {}),
    };
  });
}

export function validationError(err: ZodError): AppError {
  const issues = fieldIssues(err);
  const names = [...new Set(issues.map((i) => i.field))].join(', ');
  return new AppError(400, 'validation_error', `Invalid value for: ${names}`, { fields: issues });
}

/**
 * Postgres constraint errors carry a SQLSTATE code; map the ones users can cause.
 * Constraint and table names stay out of the answer: they describe our schema to
 * whoever probes it (the log line of the request keeps the SQLSTATE).
 */
function fromDatabase(err: unknown): AppError | undefined {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const code = e?.code ?? e?.cause?.code;
  const constraint = e?.constraint ?? e?.cause?.constraint;
  if (constraint === 'memberships_keep_one_owner') {
    return conflict('A workspace needs at least one owner; make someone else an owner first', 'last_owner');
  }
  if (code === '23505') return conflict('A record with these values already exists', 'conflict');
  if (code === '23514' || code === '23502') return badRequest('A value is out of the allowed range or missing');
  if (code === '23503') return unprocessable('A referenced record does not exist');
  if (code === '42501') return forbidden();
  // Two requests changing the same rows at the same moment: the loser may retry.
  if (code === '40P01' || code === '40001') {
    return conflict('Someone else changed the same data at the same moment; try again', 'concurrent_update');
  }
  if (code === '22P02') return badRequest('Malformed identifier');
  return undefined;
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return validationError(err);
  return fromDatabase(err) ?? new AppError(500, 'internal_error', 'Something went wrong on our side. Try again later.');
}

export function errorBody(err: AppError, requestId?: string) {
  return {
    error: {
      code: err.code,
      message: err.message,
      details: err.details ?? null,
      ...(requestId ? { request_id: requestId } : {}),
    },
  };
}
