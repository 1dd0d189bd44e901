/**
 * Fake OpenAI-compatible HTTP server for tests (node's built-in `http` only).
 *
 * Wire formats follow shared/integration-facts.md §5 ("OpenAI and OpenAI-compatible APIs").
 *
 *   const fake = await startFakeOpenAI({ apiKey: 'sk-test' });
 *   const client = new OpenAI({ apiKey: 'sk-test', baseURL: fake.url, maxRetries: 0 });
 *   ...
 *   await fake.close();
 *
 * Endpoints (all under `/v1`):
 *   POST /embeddings            deterministic "semantic-ish" hashed embeddings (float or base64)
 *   POST /chat/completions      scripted replies, non-streaming and SSE streaming, tool calls
 *   POST /audio/transcriptions  multipart upload, returns `{ text }`
 *   GET  /models, /models/:id
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// ---------------------------------------------------------------------------
// Public types

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/embeddings`. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names; the authorization value is replaced by `[redacted]`. */
  headers: Record<string, string>;
  /**
   * Parsed body: JSON object for JSON requests; for multipart, the text fields plus
   * file fields as `{ filename, contentType, size }`; raw string otherwise; undefined if empty.
   */
  body: unknown;
}

export interface ChatToolCallReply {
  /** Defaults to `call_fake_<n>`. */
  id?: string;
  name: string;
  /** Serialized with JSON.stringify; pass a string to send it verbatim (e.g. malformed JSON). */
  arguments: Record<string, unknown> | string;
}

export interface ChatReply {
  content?: string | null;
  tool_calls?: ChatToolCallReply[];
  /** Defaults to `tool_calls` when tool calls are present, else `stop`. */
  finish_reason?: 'stop' | 'length' | 'tool_calls' | 'content_filter';
  /** Override the computed usage. */
  usage?: { prompt_tokens?: number; completion_tokens?: number };
  /** Streaming only: send the tool calls' argument fragments interleaved across calls
   *  (call 0 part 1, call 1 part 1, call 0 part 2 …), as parallel calls may arrive. */
  interleave_tool_calls?: boolean;
}

/** `headers`: the request's headers, lower-cased (e.g. `x-agent-purpose`; authorization redacted). */
export type ChatScript = (body: any, headers: Record<string, string>) => ChatReply | Promise<ChatReply>;

export interface FailOptions {
  /** OpenAI error `code`, e.g. `rate_limit_exceeded`, `insufficient_quota`, `server_is_overloaded`. */
  code?: string | null;
  type?: string;
  message?: string;
  /** Sends `Retry-After: <seconds>`. */
  retryAfter?: number;
  /** Sends `retry-after-ms: <ms>` (honoured by the openai SDK; use 1 to make SDK retries instant). */
  retryAfterMs?: number;
}

export interface FakeOpenAI {
  /** e.g. `http://127.0.0.1:PORT/v1` — pass as `baseURL`. */
  url: string;
  /** Every request received, in order (a live array; `reset()` empties it). */
  requests: RecordedRequest[];
  close(): Promise<void>;
  /** Replaces the chat script (default: reply `FAKE: <last user message>`). */
  setChatScript(fn: ChatScript): void;
  /** The next `times` (default 1) requests, to any endpoint, fail with `status` and OpenAI's error JSON. */
  failNext(status: number, times?: number, opts?: FailOptions): void;
  /** Fixed transcription text; `null` restores the default `транскрипция: <file name>`. */
  setTranscript(text: string | null): void;
  /** Every response waits `ms` first (0 = none). */
  setLatency(ms: number): void;
  /** The next `times` (default 1) requests never get an answer (until the client gives up or close()). */
  hangNext(times?: number): void;
  /** Clears recorded requests, pending failures, the chat script and the transcript. */
  reset(): void;
}

export interface FakeOpenAIOptions {
  /** Default embedding size when the request has no `dimensions` (default 1536). */
  dimensions?: number;
  /** If set, every request must carry `Authorization: Bearer <apiKey>`, else 401. */
  apiKey?: string;
}

// ---------------------------------------------------------------------------
// Embeddings

/** 32-bit FNV-1a over the UTF-8 bytes of `s`, optionally seeded. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const byte of Buffer.from(s, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const SIGN_SEED = 0x01234567;
const WORD_RE = /[\p{L}\p{N}]+/gu;

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(WORD_RE) ?? [];
}

function features(text: string): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const token of tokenize(text)) {
    const chars = Array.from(token);
    // crude stem: first 5 code points («экрана» / «экран» -> «экран»)
    out.push([`w:${chars.slice(0, 5).join('')}`, 2]);
    // character trigrams with word boundaries
    const padded = ['^', ...chars, '$'];
    for (let i = 0; i + 3 <= padded.length; i++) {
      out.push([`t:${padded.slice(i, i + 3).join('')}`, 1]);
    }
  }
  return out;
}

/** Deterministic L2-normalised embedding; texts sharing stems / trigrams get similar vectors. */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const v = new Array<number>(dimensions).fill(0);
  for (const [feature, weight] of features(text)) {
    const bucket = fnv1a(feature) % dimensions;
    const sign = (fnv1a(feature, SIGN_SEED) & 1) === 0 ? 1 : -1;
    v[bucket] = (v[bucket] ?? 0) + sign * weight;
  }
  const norm = Math.sqrt(v.reduce((acc, x) => acc + x * x, 0));
  return norm > 0 ? v.map((x) => x / norm) : v;
}

function toBase64Float32(v: number[]): string {
  const buf = Buffer.alloc(v.length * 4);
  v.forEach((x, i) => buf.writeFloatLE(x, i * 4));
  return buf.toString('base64');
}

function countTokens(text: string): number {
  return (text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? []).length;
}

// ---------------------------------------------------------------------------
// Helpers

class HttpError extends Error {
  constructor(
    public status: number,
    message: string,
    public code: string | null = null,
    public type?: string,
    public param: string | null = null,
  ) {
    super(message);
  }
}

function defaultErrorType(status: number): string {
  if (status === 429) return 'requests';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

function defaultErrorMessage(status: number): string {
  switch (status) {
    case 400: return 'Bad request (fake).';
    case 401: return 'Incorrect API key provided.';
    case 403: return 'Forbidden (fake).';
    case 404: return 'Not found (fake).';
    case 408: return 'Request timed out (fake).';
    case 409: return 'Conflict (fake).';
    case 429: return 'Rate limit reached (fake).';
    case 500: return 'The server had an error while processing your request (fake).';
    case 503: return 'The engine is currently overloaded, please try again later (fake).';
    default: return `Fake failure with status ${status}.`;
  }
}

function defaultErrorCode(status: number): string | null {
  if (status === 401) return 'invalid_api_key';
  if (status === 429) return 'rate_limit_exceeded';
  if (status === 503) return 'server_is_overloaded';
  return null;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'x-request-id': `req_fake_${Math.random().toString(36).slice(2)}`,
    ...headers,
  });
  res.end(text);
}

function sendError(
  res: http.ServerResponse,
  status: number,
  e: { message?: string; code?: string | null; type?: string; param?: string | null },
  headers: Record<string, string> = {},
): void {
  sendJson(
    res,
    status,
    {
      error: {
        message: e.message ?? defaultErrorMessage(status),
        type: e.type ?? defaultErrorType(status),
        param: e.param ?? null,
        code: e.code === undefined ? defaultErrorCode(status) : e.code,
      },
    },
    headers,
  );
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

interface UploadedFile {
  filename: string;
  contentType: string;
  size: number;
  data: Buffer;
}

interface ParsedBody {
  /** What goes into RecordedRequest.body. */
  recorded: unknown;
  json?: any;
  fields?: Record<string, string>;
  files?: Record<string, UploadedFile>;
}

async function parseBody(raw: Buffer, contentType: string): Promise<ParsedBody> {
  if (raw.length === 0) return { recorded: undefined };
  const ct = contentType.toLowerCase();
  if (ct.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      // The WHATWG Request (undici, built into node) parses multipart for us.
      form = await new Request('http://fake.local/', {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: new Uint8Array(raw),
      }).formData();
    } catch {
      throw new HttpError(400, 'Could not parse multipart form.');
    }
    const fields: Record<string, string> = {};
    const files: Record<string, UploadedFile> = {};
    const recorded: Record<string, unknown> = {};
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') {
        fields[key] = value;
        recorded[key] = value;
      } else {
        const data = Buffer.from(await value.arrayBuffer());
        const file: UploadedFile = { filename: value.name, contentType: value.type, size: data.length, data };
        files[key] = file;
        recorded[key] = { filename: file.filename, contentType: file.contentType, size: file.size };
      }
    }
    return { recorded, fields, files };
  }
  const text = raw.toString('utf8');
  if (ct.includes('json') || /^\s*[{[]/.test(text)) {
    try {
      const json: unknown = JSON.parse(text);
      return { recorded: json, json };
    } catch {
      if (ct.includes('json')) {
        throw new HttpError(400, 'We could not parse the JSON body of your request.');
      }
    }
  }
  return { recorded: text };
}

function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: any) => (part && typeof part === 'object' && typeof part.text === 'string' ? part.text : ''))
      .join('');
  }
  return '';
}

function defaultChatScript(body: any): ChatReply {
  const messages: any[] = Array.isArray(body?.messages) ? body.messages : [];
  const lastUser = [...messages].reverse().find((m) => m?.role === 'user');
  return { content: `FAKE: ${messageText(lastUser?.content)}` };
}

/** Splits text into word-ish pieces (whitespace kept) so streams have several content chunks. */
function splitContent(text: string): string[] {
  const parts = text.match(/\s*\S+\s*/g);
  return parts && parts.length > 0 ? parts : [text];
}

/** Splits a string into ~`n` pieces (at least 1 char each). */
function splitInto(s: string, n: number): string[] {
  if (s.length === 0) return [''];
  const size = Math.max(1, Math.ceil(s.length / n));
  const out: string[] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  return out;
}

// ---------------------------------------------------------------------------
// Server

export async function startFakeOpenAI(opts: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const defaultDimensions = opts.dimensions ?? 1536;
  const requests: RecordedRequest[] = [];
  let chatScript: ChatScript = defaultChatScript;
  let transcript: string | null = null;
  const failures: Array<{ status: number; opts: FailOptions }> = [];
  let seq = 0;
  let latencyMs = 0;
  let hangs = 0;

  const models = ['gpt-4o-mini', 'gpt-4o', 'text-embedding-3-small', 'text-embedding-3-large', 'whisper-1', 'gpt-4o-mini-transcribe'];

  async function handleEmbeddings(body: any, res: http.ServerResponse): Promise<void> {
    if (!body || typeof body !== 'object') throw new HttpError(400, 'Expected a JSON body.');
    const rawInput: unknown = body.input;
    let inputs: string[];
    if (typeof rawInput === 'string') inputs = [rawInput];
    else if (Array.isArray(rawInput) && rawInput.length > 0 && rawInput.every((x) => typeof x === 'string')) inputs = rawInput;
    else if (Array.isArray(rawInput) && rawInput.length > 0 && rawInput.every((x) => typeof x === 'number')) inputs = [rawInput.join(' ')];
    else if (Array.isArray(rawInput) && rawInput.length > 0 && rawInput.every((x) => Array.isArray(x))) inputs = rawInput.map((x: unknown[]) => x.join(' '));
    else throw new HttpError(400, "'input' must be a non-empty string or array.", null, undefined, 'input');
    if (inputs.some((s) => s.length === 0)) {
      throw new HttpError(400, "'input' cannot contain empty strings.", null, undefined, 'input');
    }

    let dimensions = defaultDimensions;
    if (body.dimensions !== undefined && body.dimensions !== null) {
      if (!Number.isInteger(body.dimensions) || body.dimensions < 1) {
        throw new HttpError(400, "'dimensions' must be a positive integer.", null, undefined, 'dimensions');
      }
      dimensions = body.dimensions;
    }
    const format = body.encoding_format ?? 'float';
    if (format !== 'float' && format !== 'base64') {
      throw new HttpError(400, "'encoding_format' must be 'float' or 'base64'.", null, undefined, 'encoding_format');
    }

    const tokens = inputs.reduce((acc, s) => acc + countTokens(s), 0);
    sendJson(res, 200, {
      object: 'list',
      data: inputs.map((text, index) => {
        const v = fakeEmbedding(text, dimensions);
        return { object: 'embedding', index, embedding: format === 'base64' ? toBase64Float32(v) : v };
      }),
      model: typeof body.model === 'string' ? body.model : 'text-embedding-3-small',
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }

  async function handleChat(body: any, res: http.ServerResponse, reqHeaders: Record<string, string>): Promise<void> {
    if (!body || typeof body !== 'object' || !Array.isArray(body.messages)) {
      throw new HttpError(400, "'messages' is required.", null, undefined, 'messages');
    }
    const reply = await chatScript(body, reqHeaders);
    const n = ++seq;
    const id = `chatcmpl-fake-${n}`;
    const created = Math.floor(Date.now() / 1000);
    const model: string = typeof body.model === 'string' ? body.model : 'gpt-4o-mini';

    const toolCalls = (reply.tool_calls ?? []).map((tc, i) => ({
      id: tc.id ?? `call_fake_${n}_${i}`,
      type: 'function' as const,
      function: {
        name: tc.name,
        arguments: typeof tc.arguments === 'string' ? tc.arguments : JSON.stringify(tc.arguments),
      },
    }));
    const content = reply.content ?? (toolCalls.length > 0 ? null : '');
    const finishReason = reply.finish_reason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop');

    const promptText = (body.messages as any[]).map((m) => messageText(m?.content)).join('\n');
    const completionText = (content ?? '') + toolCalls.map((t) => t.function.name + t.function.arguments).join('');
    const promptTokens = reply.usage?.prompt_tokens ?? countTokens(promptText);
    const completionTokens = reply.usage?.completion_tokens ?? countTokens(completionText);
    const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };

    if (body.stream !== true) {
      sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content,
              refusal: null,
              ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
            },
            logprobs: null,
            finish_reason: finishReason,
          },
        ],
        usage,
      });
      return;
    }

    // --- SSE streaming
    const includeUsage = body.stream_options?.include_usage === true;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-request-id': `req_fake_${n}`,
    });
    const send = (choices: unknown[], extra: Record<string, unknown> = {}): void => {
      const chunk = {
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices,
        ...(includeUsage ? { usage: null } : {}),
        ...extra,
      };
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    };
    const delta = (d: Record<string, unknown>, finish: string | null = null) => [
      { index: 0, delta: d, logprobs: null, finish_reason: finish },
    ];

    if (toolCalls.length === 0) {
      send(delta({ role: 'assistant', content: '', refusal: null }));
      for (const piece of splitContent(content ?? '')) {
        if (piece.length > 0) send(delta({ content: piece }));
      }
    } else {
      let first = true;
      if (content) {
        send(delta({ role: 'assistant', content: '', refusal: null }));
        for (const piece of splitContent(content)) send(delta({ content: piece }));
        first = false;
      }
      if (reply.interleave_tool_calls) {
        toolCalls.forEach((tc, index) => {
          const head = {
            tool_calls: [{ index, id: tc.id, type: 'function', function: { name: tc.function.name, arguments: '' } }],
          };
          send(delta(first ? { role: 'assistant', content: null, ...head } : head));
          first = false;
        });
        const frags = toolCalls.map((tc) => splitInto(tc.function.arguments, 4));
        for (let part = 0; part < Math.max(...frags.map((f) => f.length)); part++) {
          frags.forEach((f, index) => {
            if (f[part]) send(delta({ tool_calls: [{ index, function: { arguments: f[part] } }] }));
          });
        }
      } else {
        toolCalls.forEach((tc, index) => {
          const head = {
            tool_calls: [{ index, id: tc.id, type: 'function', function: { name: tc.function.name, arguments: '' } }],
          };
          send(delta(first ? { role: 'assistant', content: null, ...head } : head));
          first = false;
          for (const frag of splitInto(tc.function.arguments, 4)) {
            send(delta({ tool_calls: [{ index, function: { arguments: frag } }] }));
          }
        });
      }
    }
    send(delta({}, finishReason));
    if (includeUsage) send([], { usage });
    res.write('data: [DONE]\n\n');
    res.end();
  }

  async function handleTranscription(parsed: ParsedBody, res: http.ServerResponse): Promise<void> {
    const file = parsed.files?.file;
    if (!parsed.files || !file) {
      throw new HttpError(400, "Expected a multipart form with a 'file' field.", null, undefined, 'file');
    }
    const model = parsed.fields?.model;
    if (!model) throw new HttpError(400, "'model' is required.", null, undefined, 'model');
    const text = transcript ?? `транскрипция: ${file.filename}`;
    const format = parsed.fields?.response_format ?? 'json';
    if (format === 'text' || format === 'srt' || format === 'vtt') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(text);
      return;
    }
    if (format === 'verbose_json') {
      sendJson(res, 200, {
        task: 'transcribe',
        language: parsed.fields?.language ?? 'russian',
        duration: 1,
        text,
        segments: [],
      });
      return;
    }
    sendJson(res, 200, { text, usage: { type: 'tokens', input_tokens: 1, output_tokens: countTokens(text), total_tokens: 1 + countTokens(text) } });
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = (req.method ?? 'GET').toUpperCase();
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (v === undefined) continue;
        headers[k] = k === 'authorization' ? '[redacted]' : Array.isArray(v) ? v.join(', ') : v;
      }
      const record: RecordedRequest = {
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams.entries()),
        headers,
        body: undefined,
      };
      requests.push(record);

      try {
        const raw = await readBody(req);
        let parsed: ParsedBody = { recorded: undefined };
        let parseError: unknown = null;
        try {
          parsed = await parseBody(raw, req.headers['content-type'] ?? '');
          record.body = parsed.recorded;
        } catch (e) {
          record.body = raw.toString('utf8');
          parseError = e;
        }

        if (hangs > 0) {
          hangs--;
          return; // never answered; close() ends the connection
        }
        if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
        const failure = failures.shift();
        if (failure) {
          const h: Record<string, string> = {};
          if (failure.opts.retryAfter !== undefined) h['retry-after'] = String(failure.opts.retryAfter);
          if (failure.opts.retryAfterMs !== undefined) h['retry-after-ms'] = String(failure.opts.retryAfterMs);
          sendError(res, failure.status, failure.opts, h);
          return;
        }

        if (opts.apiKey !== undefined && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
          const given = /^Bearer\s+(.*)$/i.exec(req.headers.authorization ?? '')?.[1];
          sendError(res, 401, {
            message: given
              ? `Incorrect API key provided: ${given.slice(0, 3)}***${given.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`
              : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
            code: given ? 'invalid_api_key' : null,
          });
          return;
        }
        if (parseError) throw parseError;

        const path = url.pathname.replace(/\/+$/, '');
        if (method === 'POST' && path === '/v1/embeddings') return await handleEmbeddings(parsed.json, res);
        if (method === 'POST' && path === '/v1/chat/completions') return await handleChat(parsed.json, res, headers);
        if (method === 'POST' && path === '/v1/audio/transcriptions') return await handleTranscription(parsed, res);
        if (method === 'GET' && path === '/v1/models') {
          return sendJson(res, 200, {
            object: 'list',
            data: models.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'fake' })),
          });
        }
        const modelMatch = /^\/v1\/models\/([^/]+)$/.exec(path);
        if (method === 'GET' && modelMatch) {
          const id = decodeURIComponent(modelMatch[1] ?? '');
          if (!models.includes(id)) throw new HttpError(404, `The model '${id}' does not exist`, 'model_not_found');
          return sendJson(res, 200, { id, object: 'model', created: 1700000000, owned_by: 'fake' });
        }
        throw new HttpError(404, `Invalid URL (${method} ${url.pathname})`);
      } catch (e) {
        if (res.headersSent) {
          res.destroy(e instanceof Error ? e : undefined);
          return;
        }
        if (e instanceof HttpError) {
          sendError(res, e.status, { message: e.message, code: e.code, type: e.type, param: e.param });
        } else {
          sendError(res, 500, { message: `Fake server error: ${e instanceof Error ? e.message : String(e)}` });
        }
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    setChatScript(fn) {
      chatScript = fn;
    },
    failNext(status, times = 1, failOpts = {}) {
      for (let i = 0; i < times; i++) failures.push({ status, opts: failOpts });
    },
    setTranscript(text) {
      transcript = text;
    },
    setLatency(ms) {
      latencyMs = Math.max(0, ms);
    },
    hangNext(times = 1) {
      hangs += times;
    },
    reset() {
      requests.length = 0;
      failures.length = 0;
      latencyMs = 0;
      hangs = 0;
      chatScript = defaultChatScript;
      transcript = null;
    },
  };
}
