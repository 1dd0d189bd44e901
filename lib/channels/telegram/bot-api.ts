// One Telegram Bot API call: POST <TELEGRAM_API_URL>/bot<token>/<method> with a JSON body,
// `{ok:true,result}` back, or a TelegramApiError carrying error_code, description and
// parameters.retry_after. The token is part of the URL only: it never appears in an error
// message, so a logged error cannot leak it.
import { getEnv } from '@/lib/env';

export class TelegramApiError extends Error {
  /** HTTP status / Telegram error_code; 0 when the network failed. */
  readonly status: number;
  readonly description: string;
  readonly retryAfter?: number;
  constructor(status: number, description: string, retryAfter?: number) {
    super(`Telegram ${status || 'network'}: ${description}`);
    this.name = 'TelegramApiError';
    this.status = status;
    this.description = description;
    this.retryAfter = retryAfter;
  }
}

export function telegramBaseUrl(): string {
  return getEnv().TELEGRAM_API_URL.replace(/\/+$/, '');
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Gives up after this many ms (default 15 s). */
  timeoutMs?: number;
}

function combinedSignal(signal: AbortSignal | undefined, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

export async function callTelegram<T = unknown>(
  token: string,
  method: string,
  params: Record<string, unknown> = {},
  opts: CallOptions = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${telegramBaseUrl()}/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
      signal: combinedSignal(opts.signal, opts.timeoutMs ?? 15_000),
    });
  } catch (err) {
    const aborted = err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError');
    throw new TelegramApiError(0, aborted ? 'request timed out or was cancelled' : 'network error');
  }
  type Reply = { ok?: boolean; result?: T; error_code?: number; description?: string; parameters?: { retry_after?: number } };
  let body: Reply | null;
  try {
    body = (await res.json()) as Reply;
  } catch {
    body = null;
  }
  if (res.ok && body?.ok) return body.result as T;
  const status = body?.error_code ?? res.status;
  const retryAfter = typeof body?.parameters?.retry_after === 'number' ? body.parameters.retry_after : undefined;
  throw new TelegramApiError(status, String(body?.description ?? res.statusText ?? 'error').slice(0, 300), retryAfter);
}

/** Downloads `<TELEGRAM_API_URL>/file/bot<token>/<path>`, refusing more than maxBytes. */
export async function downloadTelegramFile(token: string, filePath: string, maxBytes: number, opts: CallOptions = {}): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(`${telegramBaseUrl()}/file/bot${token}/${filePath.split('/').map(encodeURIComponent).join('/')}`, {
      signal: combinedSignal(opts.signal, opts.timeoutMs ?? 60_000),
    });
  } catch {
    throw new TelegramApiError(0, 'network error while downloading a file');
  }
  if (!res.ok) throw new TelegramApiError(res.status, 'file download failed');
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new TelegramApiError(413, 'file is too large');
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TelegramApiError(413, 'file is too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
