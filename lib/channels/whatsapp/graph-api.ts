// The WhatsApp Business Cloud API (Graph API) over fetch: base WHATSAPP_API_URL (with its
// version), bearer access token. Graph errors come as { error: { message, type, code,
// error_subcode } }; they are mapped to ChannelSendError here so every caller sees the same
// codes. The token is never logged nor put into an error message.
import { getEnv } from '@/lib/env';
import { ChannelSendError } from '../types';

export interface GraphError {
  status: number;
  code: number | null;
  subcode: number | null;
  message: string;
  retryAfterSeconds: number | null;
}

export interface GraphResult<T> {
  ok: boolean;
  status: number;
  body: T | null;
  error: GraphError | null;
}

const TIMEOUT_MS = 20_000;

export function graphBase(): string {
  return getEnv().WHATSAPP_API_URL.replace(/\/+$/, '');
}

function readError(status: number, body: unknown, headers: Headers): GraphError {
  const e = (body as { error?: { message?: unknown; code?: unknown; error_subcode?: unknown } } | null)?.error;
  const retry = Number(headers.get('retry-after'));
  return {
    status,
    code: typeof e?.code === 'number' ? e.code : null,
    subcode: typeof e?.error_subcode === 'number' ? e.error_subcode : null,
    message: typeof e?.message === 'string' ? e.message.slice(0, 500) : `HTTP ${status}`,
    retryAfterSeconds: Number.isFinite(retry) && retry > 0 ? retry : null,
  };
}

/** One Graph call; a network failure throws ChannelSendError('network'). */
export async function graphRequest<T>(
  method: 'GET' | 'POST',
  urlOrPath: string,
  accessToken: string,
  opts: { body?: unknown; signal?: AbortSignal } = {},
): Promise<GraphResult<T>> {
  const url = /^https?:\/\//.test(urlOrPath) ? urlOrPath : `${graphBase()}/${urlOrPath.replace(/^\/+/, '')}`;
  const signal = opts.signal ? AbortSignal.any([opts.signal, AbortSignal.timeout(TIMEOUT_MS)]) : AbortSignal.timeout(TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal,
    });
  } catch (err) {
    throw new ChannelSendError('network', `WhatsApp API unreachable: ${(err as Error)?.name ?? 'error'}`);
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (res.ok) return { ok: true, status: res.status, body: body as T, error: null };
  return { ok: false, status: res.status, body: null, error: readError(res.status, body, res.headers) };
}

const WINDOW_CODES = new Set([131047, 470]);
const TOKEN_CODES = new Set([190]);
const RATE_CODES = new Set([4, 80007, 130429, 131048, 131056, 613]);
const RETRYABLE_CODES = new Set([1, 2, 131000, 131016, 133004]);

/** A failed Graph send as the channel error the delivery path understands. */
export function toSendError(e: GraphError): ChannelSendError {
  const what = `WhatsApp API error${e.code !== null ? ` ${e.code}` : ''}: ${e.message}`;
  if (e.code !== null && WINDOW_CODES.has(e.code)) {
    return new ChannelSendError('window_closed', 'The 24-hour window of this WhatsApp chat is closed; only a template may be sent', {
      permanent: true,
    });
  }
  if (e.status === 401 || (e.code !== null && TOKEN_CODES.has(e.code))) {
    return new ChannelSendError('invalid_token', 'The WhatsApp access token is invalid or expired', { permanent: true });
  }
  if (e.status === 429 || (e.code !== null && RATE_CODES.has(e.code))) {
    return new ChannelSendError('rate_limited', what, { retryAfterSeconds: e.retryAfterSeconds ?? 60 });
  }
  if (e.status >= 500 || (e.code !== null && RETRYABLE_CODES.has(e.code))) return new ChannelSendError('provider_error', what);
  return new ChannelSendError('provider_error', what, { permanent: true });
}
