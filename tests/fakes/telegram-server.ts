/**
 * Fake Telegram Bot API server for tests (node's built-in `http` only).
 *
 * Wire format follows shared/integration-facts.md §1: calls go to `<url>/bot<token>/<method>`
 * (GET or POST; parameters in the query string, JSON or a form), replies are `{ok:true,result}`
 * or `{ok:false,error_code,description,parameters?:{retry_after}}`; files download from
 * `<url>/file/bot<token>/<file_path>`.
 *
 *   const tg = await startFakeTelegram();
 *   process.env.TELEGRAM_API_URL = tg.url;
 *   ... connect with tg.token ...
 *   tg.sent['42']            // texts sent to chat 42, in order
 *   tg.failNext('sendMessage', { status: 429, retry_after: 1 });
 *   tg.pushUpdate({ message: {...} });   // queued for getUpdates (update_id assigned)
 *   await tg.close();
 *
 * Tokens: `token` (and any added with addToken) are valid, every other token answers 401.
 * With `acceptAnyToken` (serve-fakes.ts, for Playwright) every well-formed token
 * `<digits>:<30+ chars>` is valid except those starting with `0:`. getMe answers with a bot
 * derived from the token (id = the digits; username `test<id>_bot` unless configured).
 *
 * Control endpoints (for browser tests): GET /__control/sent, GET /__control/calls,
 * POST /__control/reset, POST /__control/updates (body: an update, or {token, update}).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TelegramCall {
  method: string;
  token: string;
  params: Record<string, unknown>;
}

export interface TelegramFailure {
  status: number;
  description?: string;
  retry_after?: number;
  /** How many calls of the method fail (default 1). */
  times?: number;
  /** Let this many calls of the method succeed first (default 0). */
  after?: number;
}

export interface SentMessage {
  token: string;
  chat_id: string;
  message_id: number;
  text: string;
}

export interface WebhookState {
  url: string;
  secret_token: string | null;
  allowed_updates: string[] | null;
  drop_pending_updates: boolean;
}

export interface FakeTelegram {
  /** Base URL, e.g. `http://127.0.0.1:PORT` — set as TELEGRAM_API_URL. */
  url: string;
  /** A valid bot token. */
  token: string;
  /** Every API call, in order (live array; reset() empties it). */
  calls: TelegramCall[];
  /** sendMessage texts per chat id (live object; reset() empties it). */
  sent: Record<string, string[]>;
  /** Every sendMessage that went out, in order. */
  messages: SentMessage[];
  /** Webhook per token (after setWebhook; deleteWebhook removes it). */
  webhooks: Map<string, WebhookState>;
  /** The next call(s) of `method` fail with Telegram's error JSON. */
  failNext(method: string, failure: TelegramFailure): void;
  /** A file for getFile + download. */
  setFile(fileId: string, bytes: Uint8Array | string, filePath?: string): void;
  /** Makes sendMessage to this chat answer 403 "Forbidden: bot was blocked by the user". */
  blockChat(chatId: string | number): void;
  /** Queues an update for getUpdates (update_id assigned when absent); returns it. */
  pushUpdate(update: Record<string, unknown>, token?: string): Record<string, unknown>;
  /** Another valid token (a second bot). */
  addToken(token: string, bot?: { username?: string; first_name?: string }): void;
  /** Clears calls, sent messages, failures, queued updates, webhooks, blocked chats and files. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeTelegramOptions {
  /** The valid token (default a fixed well-formed one). */
  token?: string;
  botUsername?: string;
  botName?: string;
  /** Accept every well-formed token except `0:…` (serve-fakes for Playwright). */
  acceptAnyToken?: boolean;
  /** Longest wait of a long-polling getUpdates, whatever its timeout (default 1500 ms). */
  maxLongPollMs?: number;
}

const WELL_FORMED = /^\d+:[A-Za-z0-9_-]{30,}$/;

interface Bot {
  id: number;
  username: string;
  first_name: string;
}

interface QueuedUpdate {
  update: Record<string, unknown> & { update_id: number };
}

class TgError extends Error {
  constructor(
    public status: number,
    public description: string,
    public retryAfter?: number,
  ) {
    super(description);
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Telegram accepts JSON-encoded values in query/form parameters (arrays, booleans, numbers). */
function decodeValue(v: string): unknown {
  const t = v.trim();
  if (t.startsWith('[') || t.startsWith('{') || t === 'true' || t === 'false') {
    try {
      return JSON.parse(t);
    } catch {
      return v;
    }
  }
  return v;
}

async function readParams(req: http.IncomingMessage, query: URLSearchParams): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = {};
  for (const [k, v] of query) params[k] = decodeValue(v);
  const body = await readBody(req);
  if (!body.length) return params;
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/json')) {
    const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    Object.assign(params, parsed);
  } else if (type.includes('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = decodeValue(v);
  }
  return params;
}

export async function startFakeTelegram(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const token = opts.token ?? '123456789:AAHfakeTokenForTestsOnly_0123456789abc';
  const maxLongPollMs = opts.maxLongPollMs ?? 1500;
  const extraBots = new Map<string, Partial<Bot>>([[token, { username: opts.botUsername ?? 'salesagent_test_bot', first_name: opts.botName ?? 'Sales Agent Test' }]]);
  const calls: TelegramCall[] = [];
  const sent: Record<string, string[]> = {};
  const messages: SentMessage[] = [];
  const webhooks = new Map<string, WebhookState>();
  const failures = new Map<string, TelegramFailure[]>();
  const files = new Map<string, { bytes: Buffer; filePath: string }>();
  const blocked = new Set<string>();
  const queues = new Map<string, QueuedUpdate[]>();
  const waiters = new Set<() => void>();
  const nextUpdateId = new Map<string, number>();
  let nextMessageId = 1000;

  const isValid = (t: string) => {
    if (extraBots.has(t)) return true;
    if (!opts.acceptAnyToken) return false;
    return WELL_FORMED.test(t) && !t.startsWith('0:');
  };
  const botOf = (t: string): Bot => {
    const id = Number(t.split(':')[0]);
    const extra = extraBots.get(t) ?? {};
    return { id, username: extra.username ?? `test${id}_bot`, first_name: extra.first_name ?? `Test bot ${id}` };
  };

  const takeFailure = (method: string): TelegramFailure | null => {
    const list = failures.get(method);
    const f = list?.[0];
    if (!f) return null;
    if ((f.after ?? 0) > 0) {
      f.after! -= 1;
      return null;
    }
    f.times = (f.times ?? 1) - 1;
    if (f.times <= 0) list!.shift();
    return f;
  };

  const queueOf = (t: string) => {
    let q = queues.get(t);
    if (!q) queues.set(t, (q = []));
    return q;
  };

  const pushUpdate = (update: Record<string, unknown>, t: string = token) => {
    let id = typeof update.update_id === 'number' ? update.update_id : undefined;
    if (id === undefined) {
      id = nextUpdateId.get(t) ?? 500_000_001;
    }
    nextUpdateId.set(t, Math.max(nextUpdateId.get(t) ?? 0, id + 1));
    const full = { ...update, update_id: id };
    queueOf(t).push({ update: full });
    for (const w of [...waiters]) w();
    return full;
  };

  async function callMethod(t: string, method: string, params: Record<string, unknown>): Promise<unknown> {
    const bot = botOf(t);
    switch (method) {
      case 'getMe':
        return { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
      case 'setWebhook': {
        const url = String(params.url ?? '');
        if (!url) {
          webhooks.delete(t);
          return true;
        }
        if (!/^https?:\/\//.test(url)) throw new TgError(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
        const secret = params.secret_token === undefined ? null : String(params.secret_token);
        if (secret !== null && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) throw new TgError(400, 'Bad Request: secret token contains unallowed characters');
        webhooks.set(t, {
          url,
          secret_token: secret,
          allowed_updates: Array.isArray(params.allowed_updates) ? (params.allowed_updates as string[]) : null,
          drop_pending_updates: params.drop_pending_updates === true,
        });
        if (params.drop_pending_updates === true) queueOf(t).length = 0;
        return true;
      }
      case 'deleteWebhook':
        webhooks.delete(t);
        if (params.drop_pending_updates === true) queueOf(t).length = 0;
        return true;
      case 'getWebhookInfo': {
        const w = webhooks.get(t);
        return { url: w?.url ?? '', has_custom_certificate: false, pending_update_count: queueOf(t).length, ...(w?.allowed_updates ? { allowed_updates: w.allowed_updates } : {}) };
      }
      case 'sendMessage': {
        const chatId = params.chat_id === undefined ? '' : String(params.chat_id);
        if (!chatId) throw new TgError(400, 'Bad Request: chat_id is empty');
        const text = typeof params.text === 'string' ? params.text : params.text === undefined ? '' : String(params.text);
        if (!text.trim()) throw new TgError(400, 'Bad Request: message text is empty');
        if (text.length > 4096) throw new TgError(400, 'Bad Request: message is too long');
        if (blocked.has(chatId)) throw new TgError(403, 'Forbidden: bot was blocked by the user');
        const messageId = ++nextMessageId;
        (sent[chatId] ??= []).push(text);
        messages.push({ token: t, chat_id: chatId, message_id: messageId, text });
        return {
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          from: { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username },
          chat: { id: Number(chatId), type: 'private' },
          text,
        };
      }
      case 'sendChatAction':
        if (params.chat_id === undefined) throw new TgError(400, 'Bad Request: chat_id is empty');
        return true;
      case 'getFile': {
        const fileId = String(params.file_id ?? '');
        const f = files.get(fileId);
        if (!f) throw new TgError(400, 'Bad Request: invalid file_id');
        return { file_id: fileId, file_unique_id: `u_${fileId}`, file_size: f.bytes.length, file_path: f.filePath };
      }
      case 'getUpdates': {
        if (webhooks.has(t)) throw new TgError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
        const q = queueOf(t);
        const offset = params.offset === undefined ? undefined : Number(params.offset);
        if (offset !== undefined && Number.isFinite(offset)) {
          while (q.length && q[0]!.update.update_id < offset) q.shift();
        }
        const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100) || 100));
        const timeout = Math.max(0, Number(params.timeout ?? 0) || 0);
        if (!q.length && timeout > 0) {
          await new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              waiters.delete(done);
              resolve();
            };
            const timer = setTimeout(done, Math.min(timeout * 1000, maxLongPollMs));
            waiters.add(done);
          });
        }
        return q.slice(0, limit).map((u) => u.update);
      }
      default:
        throw new TgError(404, 'Not Found');
    }
  }

  const server = http.createServer(async (req, res) => {
    try {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = u.pathname;
      if (path.startsWith('/__control/')) {
        const what = path.slice('/__control/'.length);
        if (req.method === 'GET' && what === 'sent') return sendJson(res, 200, { sent, messages });
        if (req.method === 'GET' && what === 'calls') return sendJson(res, 200, { calls });
        if (req.method === 'GET' && what === 'webhooks') return sendJson(res, 200, { webhooks: Object.fromEntries(webhooks) });
        if (req.method === 'POST' && what === 'reset') {
          await readBody(req);
          api.reset();
          return sendJson(res, 200, { ok: true });
        }
        if (req.method === 'POST' && what === 'updates') {
          const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as Record<string, unknown>;
          const update = (body.update ?? body) as Record<string, unknown>;
          const full = pushUpdate(update, typeof body.token === 'string' ? body.token : token);
          return sendJson(res, 200, { ok: true, update: full });
        }
        return sendJson(res, 404, { ok: false });
      }
      const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(path);
      if (file && req.method === 'GET') {
        const [, t, filePath] = file;
        if (!isValid(t!)) return sendJson(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
        const found = [...files.values()].find((f) => f.filePath === decodeURIComponent(filePath!));
        if (!found) return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': found.bytes.length });
        return res.end(found.bytes);
      }
      const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
      if (!m) return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      const [, t, method] = m;
      let params: Record<string, unknown>;
      try {
        params = await readParams(req, u.searchParams);
      } catch {
        return sendJson(res, 400, { ok: false, error_code: 400, description: "Bad Request: can't parse JSON" });
      }
      calls.push({ method: method!, token: t!, params });
      if (!isValid(t!)) return sendJson(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      const failure = takeFailure(method!);
      if (failure) {
        const description =
          failure.description ??
          (failure.status === 429 ? `Too Many Requests: retry after ${failure.retry_after ?? 1}` : failure.status === 403 ? 'Forbidden: bot was blocked by the user' : failure.status >= 500 ? 'Internal Server Error' : 'Bad Request');
        return sendJson(res, failure.status, {
          ok: false,
          error_code: failure.status,
          description,
          ...(failure.retry_after !== undefined ? { parameters: { retry_after: failure.retry_after } } : {}),
        });
      }
      try {
        const result = await callMethod(t!, method!, params);
        return sendJson(res, 200, { ok: true, result });
      } catch (err) {
        if (err instanceof TgError) {
          return sendJson(res, err.status, {
            ok: false,
            error_code: err.status,
            description: err.description,
            ...(err.retryAfter !== undefined ? { parameters: { retry_after: err.retryAfter } } : {}),
          });
        }
        throw err;
      }
    } catch {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error_code: 500, description: 'Internal Server Error' });
      else res.end();
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const api: FakeTelegram = {
    url: `http://127.0.0.1:${port}`,
    token,
    calls,
    sent,
    messages,
    webhooks,
    failNext(method, failure) {
      const list = failures.get(method) ?? [];
      list.push({ ...failure, times: failure.times ?? 1 });
      failures.set(method, list);
    },
    setFile(fileId, bytes, filePath) {
      files.set(fileId, { bytes: Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes), filePath: filePath ?? `documents/${fileId}` });
    },
    blockChat(chatId) {
      blocked.add(String(chatId));
    },
    pushUpdate,
    addToken(t, bot) {
      extraBots.set(t, { ...bot });
    },
    reset() {
      calls.length = 0;
      messages.length = 0;
      for (const k of Object.keys(sent)) delete sent[k];
      failures.clear();
      files.clear();
      blocked.clear();
      queues.clear();
      webhooks.clear();
      for (const w of [...waiters]) w();
    },
    close() {
      for (const w of [...waiters]) w();
      server.closeAllConnections?.();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}
