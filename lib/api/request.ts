// Reading requests: JSON bodies and query strings through zod, client IP, request id.
import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import crypto from 'node:crypto';
import { AppError, validationError } from './errors';
import { assertNoNul } from './text-guard';
import { clientIpFrom } from './client-ip';

export function requestIdOf(req: Request): string {
  const given = req.headers.get('x-request-id');
  return given && /^[A-Za-z0-9._-]{6,100}$/.test(given) ? given : crypto.randomUUID();
}

/** The client address: the TCP peer, or the X-Forwarded-For entry TRUSTED_PROXIES vouches for. */
export function clientIp(req: Request): string | null {
  return clientIpFrom(req.headers);
}

export async function parseJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.toLowerCase().includes('application/json')) {
    throw new AppError(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json');
  }
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new AppError(400, 'invalid_json', 'The request body is not valid JSON');
  }
  assertNoNul(body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Like parseJson but an empty body is allowed and read as {}. */
export async function parseOptionalJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const len = req.headers.get('content-length');
  if (len === '0' || (!req.headers.get('content-type') && !len)) {
    const parsed = schema.safeParse({});
    if (!parsed.success) throw validationError(parsed.error);
    return parsed.data;
  }
  return parseJson(req, schema);
}

export function parseQuery<S extends z.ZodType>(req: NextRequest | Request, schema: S): z.infer<S> {
  const url = new URL(req.url);
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    raw[key] = all.length > 1 ? all : all[0];
  }
  assertNoNul(raw);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
