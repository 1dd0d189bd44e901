// One chat model call through any OpenAI-compatible API (OpenAI, OpenRouter, Gemini's
// OpenAI-compatible endpoint, Ollama/vLLM). Our own retry loop (the SDK's is off): 429 rate
// limits, 5xx, connection errors and per-attempt timeouts are retried with backoff honouring
// Retry-After; a spent quota (insufficient_quota), bad keys and unknown models are not.
// Logs provider, model, purpose, status and duration only — never keys nor prompts.
import OpenAI from 'openai';
import { createHash } from 'node:crypto';
import type { ChatCompletionChunk, ChatCompletionCreateParams, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { assertNoTransaction } from '@/lib/db/actor';
import { appUrl, getEnv } from '@/lib/env';
import { logger } from '@/lib/log/logger';
import { estimateCostUsd, modelById } from '@/lib/ai/models';
import { resolveProviderConfig, type ProviderConfig } from './provider-config';
import { ProviderError, type ChatMessage, type ChatRequest, type ChatResult, type ChatToolCall, type ChatUsage } from './types';

const DEFAULT_RETRIES = 2;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;
/** A provider asking to wait longer than this is not waited for: the call fails as rate-limited. */
const RETRY_AFTER_CAP_MS = 20_000;
export const APP_TITLE = 'AI Sales Agents';

const clients = new Map<string, OpenAI>();

function clientFor(config: ProviderConfig): OpenAI {
  const id = createHash('sha256').update(`${config.provider}\n${config.baseURL}\n${config.apiKey}`).digest('hex');
  let client = clients.get(id);
  if (!client) {
    const defaultHeaders: Record<string, string> =
      config.provider === 'openrouter' ? { 'HTTP-Referer': appUrl(), 'X-Title': APP_TITLE } : {};
    client = new OpenAI({ apiKey: config.apiKey, baseURL: config.baseURL, maxRetries: 0, timeout: 10 * 60_000, defaultHeaders });
    clients.set(id, client);
  }
  return client;
}

function toWire(messages: ChatMessage[]): ChatCompletionMessageParam[] {
  return messages.map((m): ChatCompletionMessageParam => {
    if (m.role === 'assistant') {
      return {
        role: 'assistant',
        content: m.content,
        ...(m.tool_calls?.length
          ? {
              tool_calls: m.tool_calls.map((c) => ({
                id: c.id,
                type: 'function' as const,
                function: { name: c.name, arguments: c.rawArguments || JSON.stringify(c.arguments ?? {}) },
              })),
            }
          : {}),
      };
    }
    if (m.role === 'tool') return { role: 'tool', tool_call_id: m.tool_call_id, content: m.content };
    return { role: m.role, content: m.content };
  });
}

function parseArguments(raw: string): Record<string, unknown> | null {
  const text = raw.trim();
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function toolCall(id: string | undefined, name: string | undefined, raw: string, i: number): ChatToolCall {
  return { id: id || `call_${i}`, name: name ?? '', arguments: parseArguments(raw), rawArguments: raw };
}

/** Rough token estimate (4 characters a token) when a provider sends no usage. */
const estimateTokens = (text: string) => Math.ceil(text.length / 4);

interface AttemptResult {
  content: string;
  toolCalls: ChatToolCall[];
  finishReason: string | null;
  usage: ChatUsage | null;
}

async function attemptOnce(
  client: OpenAI,
  params: ChatCompletionCreateParams,
  req: ChatRequest,
  signal: AbortSignal,
  emitted: { any: boolean },
): Promise<AttemptResult> {
  const headers = { 'X-Agent-Purpose': req.purpose };
  if (!req.onDelta) {
    const res = await client.chat.completions.create({ ...params, stream: false }, { signal, headers });
    const choice = res.choices?.[0];
    if (!choice) throw new ProviderError('provider_bad_response', 'The model returned no choices');
    const calls = (choice.message.tool_calls ?? []).flatMap((c, i) =>
      c.type === 'function' ? [toolCall(c.id, c.function.name, c.function.arguments ?? '', i)] : [],
    );
    return {
      content: choice.message.content ?? '',
      toolCalls: calls,
      finishReason: choice.finish_reason ?? null,
      usage: res.usage ? { prompt_tokens: res.usage.prompt_tokens, completion_tokens: res.usage.completion_tokens } : null,
    };
  }

  const stream = await client.chat.completions.create(
    { ...params, stream: true, stream_options: { include_usage: true } },
    { signal, headers },
  );
  let content = '';
  let finishReason: string | null = null;
  let usage: ChatUsage | null = null;
  // Tool calls arrive in pieces keyed by index (id and name first, arguments in fragments).
  const slots: Array<{ id?: string; name?: string; args: string }> = [];
  const slotByIndex = new Map<number, number>();
  for await (const chunk of stream as AsyncIterable<ChatCompletionChunk>) {
    if (chunk.usage) usage = { prompt_tokens: chunk.usage.prompt_tokens, completion_tokens: chunk.usage.completion_tokens };
    const choice = chunk.choices?.[0];
    if (!choice) continue;
    const delta = choice.delta ?? {};
    if (typeof delta.content === 'string' && delta.content.length > 0) {
      content += delta.content;
      emitted.any = true;
      req.onDelta(delta.content);
    }
    for (const [pos, tc] of (delta.tool_calls ?? []).entries()) {
      const index = typeof tc.index === 'number' ? tc.index : pos;
      let slot = slotByIndex.get(index);
      // Some providers (Gemini) repeat index 0 for distinct calls: a new id starts a new call.
      if (slot !== undefined && tc.id && slots[slot]!.id && slots[slot]!.id !== tc.id) slot = undefined;
      if (slot === undefined) {
        slot = slots.push({ args: '' }) - 1;
        slotByIndex.set(index, slot);
      }
      const s = slots[slot]!;
      if (tc.id) s.id = tc.id;
      if (tc.function?.name) s.name = (s.name ?? '') + tc.function.name;
      if (tc.function?.arguments) s.args += tc.function.arguments;
    }
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  return {
    content,
    toolCalls: slots.filter((s) => s.name).map((s, i) => toolCall(s.id, s.name, s.args, i)),
    finishReason,
    usage,
  };
}

function headerMs(headers: Headers | undefined): number | undefined {
  if (!headers || typeof headers.get !== 'function') return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const ra = headers.get('retry-after');
  if (!ra) return undefined;
  const seconds = Number(ra);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(ra);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

interface Classified {
  error: ProviderError;
  retry: boolean;
}

function classify(err: unknown, provider: string, timedOut: boolean, timeoutMs: number): Classified {
  if (err instanceof ProviderError) return { error: err, retry: false };
  if (timedOut || err instanceof OpenAI.APIConnectionTimeoutError) {
    return { error: new ProviderError('provider_timeout', `The model did not answer within ${timeoutMs} ms`, { provider }), retry: true };
  }
  if (err instanceof OpenAI.APIConnectionError) {
    return { error: new ProviderError('provider_unavailable', 'The model provider cannot be reached', { provider }), retry: true };
  }
  if (err instanceof OpenAI.APIError && typeof err.status === 'number') {
    const status = err.status;
    const retryAfterMs = headerMs(err.headers as Headers | undefined);
    const details = { provider, status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    if (status === 429) {
      if (err.code === 'insufficient_quota' || err.type === 'insufficient_quota') {
        return { error: new ProviderError('provider_quota_exhausted', 'The provider account has no quota left (billing)', details), retry: false };
      }
      return { error: new ProviderError('provider_rate_limited', 'The provider rate limit was hit', details), retry: true };
    }
    if (status === 401 || status === 403) {
      return { error: new ProviderError('provider_auth_failed', 'The provider refused the API key', details), retry: false };
    }
    if (status === 404 || err.code === 'model_not_found') {
      return { error: new ProviderError('model_unknown', 'The provider does not know this model', details), retry: false };
    }
    if (status === 408 || status >= 500) {
      return { error: new ProviderError('provider_unavailable', `The provider failed (HTTP ${status})`, details), retry: true };
    }
    return { error: new ProviderError('provider_bad_response', `The provider refused the request (HTTP ${status})`, details), retry: false };
  }
  return { error: new ProviderError('provider_bad_response', 'The provider answer could not be read', { provider }), retry: false };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function backoffMs(attempt: number, retryAfterMs: number | undefined): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return Math.round(exp / 2 + Math.random() * (exp / 2));
}

/** Sends a chat request to the model's provider; see ChatRequest / ChatResult in ./types. */
export async function chatComplete(req: ChatRequest): Promise<ChatResult> {
  assertNoTransaction('The chat model call');
  const model = modelById(req.modelId);
  if (!model) throw new ProviderError('model_unknown', `Unknown model "${req.modelId}"`);
  const config = await resolveProviderConfig(model.provider, req.workspaceId);
  if (!config) {
    throw new ProviderError('provider_not_configured', `No API key for provider ${model.provider}`, { provider: model.provider });
  }
  const providerModel = config.model ?? model.providerModel;
  const client = clientFor(config);
  const timeoutMs = req.timeoutMs ?? getEnv().LLM_TIMEOUT_MS;
  const maxRetries = Math.max(0, req.maxRetries ?? DEFAULT_RETRIES);

  const params: ChatCompletionCreateParams = {
    model: providerModel,
    messages: toWire(req.messages),
    ...(req.tools?.length
      ? {
          tools: req.tools.map((t) => ({ type: 'function' as const, function: { name: t.name, description: t.description, parameters: t.parameters } })),
          ...(req.toolChoice
            ? { tool_choice: typeof req.toolChoice === 'string' ? req.toolChoice : { type: 'function' as const, function: { name: req.toolChoice.name } } }
            : {}),
        }
      : {}),
    ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    ...(req.maxTokens !== undefined ? { max_tokens: req.maxTokens } : {}),
    ...(req.json ? { response_format: { type: 'json_object' as const } } : {}),
  };

  const log = { provider: config.provider, model: providerModel, purpose: req.purpose, stream: Boolean(req.onDelta) };
  const started = Date.now();
  const emitted = { any: false };
  for (let attempt = 0; ; attempt++) {
    const attemptStarted = Date.now();
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new Error('timeout')), timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
    try {
      const out = await attemptOnce(client, params, req, signal, emitted);
      const durationMs = Date.now() - started;
      const usage = out.usage ?? {
        prompt_tokens: estimateTokens(JSON.stringify(params.messages)),
        completion_tokens: estimateTokens(out.content + out.toolCalls.map((c) => c.name + c.rawArguments).join('')),
      };
      logger.info({ ...log, status: 200, attempt, duration_ms: durationMs }, 'chat model call');
      return {
        content: out.content,
        toolCalls: out.toolCalls,
        finishReason: out.finishReason,
        usage,
        modelId: model.id,
        provider: config.provider,
        providerModel,
        costUsd: estimateCostUsd(model.id, usage.prompt_tokens, usage.completion_tokens),
        durationMs,
      };
    } catch (err) {
      if (req.signal?.aborted) throw err;
      const { error, retry } = classify(err, config.provider, timeout.signal.aborted, timeoutMs);
      const waitMs = backoffMs(attempt, error.details.retryAfterMs);
      // Text already streamed to the customer cannot be taken back: no retry after a delta.
      const again = retry && attempt < maxRetries && !emitted.any && waitMs <= RETRY_AFTER_CAP_MS;
      logger.warn(
        { ...log, status: error.details.status ?? null, code: error.code, attempt, duration_ms: Date.now() - attemptStarted, retry: again },
        'chat model call failed',
      );
      if (!again) throw error;
      await sleep(waitMs, req.signal);
    } finally {
      clearTimeout(timer);
    }
  }
}
