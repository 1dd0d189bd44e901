// The chat provider layer against the fake OpenAI-compatible server (HTTP, 127.0.0.1): plain and
// streamed answers, tool calls split across chunks (also parallel and Gemini's `stop`), retries
// on rate limits / 5xx / hangs with the provider's Retry-After, no retry on a spent quota or a
// bad key, the workspace's own key over env (never shown nor logged), and no call inside a
// transaction.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server';
import { captureLogs } from '../helpers/logs';
import { resetEnvCache } from '@/lib/env';
import { chatComplete } from '@/lib/ai/provider/chat-complete';
import { anyChatProviderConfigured, forgetWorkspaceAiKeys, providerConfigured } from '@/lib/ai/provider/provider-config';
import { ProviderError, type ChatRequest } from '@/lib/ai/provider/types';
import { modelContextTokens, temperatureFor } from '@/lib/ai/models';

let fake: FakeOpenAI;
const ENV_KEY = 'sk-env-key-0000';

function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  forgetWorkspaceAiKeys();
}

const ask = (over: Partial<ChatRequest> = {}): ChatRequest => ({
  modelId: 'gpt-4.1-mini',
  purpose: 'reply',
  messages: [
    { role: 'system', content: 'Ты консультант.' },
    { role: 'user', content: 'Сколько стоит замена экрана?' },
  ],
  ...over,
});

async function failure(p: Promise<unknown>): Promise<ProviderError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

const chatCalls = () => fake.requests.filter((r) => r.path === '/v1/chat/completions');

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: ENV_KEY });
  setEnv({ OPENAI_API_KEY: ENV_KEY, OPENAI_BASE_URL: fake.url });
});
afterAll(async () => {
  setEnv({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined });
  await fake.close();
});
beforeEach(() => fake.reset());

describe('answers', () => {
  it('returns content, usage, cost and sends the purpose header and the registry model', async () => {
    fake.setChatScript((body, headers) => ({ content: `purpose=${headers['x-agent-purpose']} model=${body.model}`, usage: { prompt_tokens: 1000, completion_tokens: 500 } }));
    const res = await chatComplete(ask({ purpose: 'judge_triggers', temperature: 0.2, maxTokens: 100, json: true }));
    expect(res.content).toBe('purpose=judge_triggers model=gpt-4.1-mini');
    expect(res.toolCalls).toEqual([]);
    expect(res).toMatchObject({ modelId: 'gpt-4.1-mini', provider: 'openai', providerModel: 'gpt-4.1-mini', finishReason: 'stop' });
    expect(res.usage).toEqual({ prompt_tokens: 1000, completion_tokens: 500 });
    // gpt-4.1-mini: $0.40 in, $1.60 out per million tokens.
    expect(res.costUsd).toBeCloseTo(0.0004 + 0.0008, 8);
    const body = chatCalls()[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({ temperature: 0.2, max_tokens: 100, response_format: { type: 'json_object' } });
    expect(body.stream).toBeFalsy();
  });

  it('streams content deltas in order and counts usage from the final chunk', async () => {
    fake.setChatScript(() => ({ content: 'Замена экрана стоит от 15 000 ₸, занимает час.', usage: { prompt_tokens: 40, completion_tokens: 12 } }));
    const deltas: string[] = [];
    const res = await chatComplete(ask({ onDelta: (t) => deltas.push(t) }));
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe('Замена экрана стоит от 15 000 ₸, занимает час.');
    expect(res.content).toBe(deltas.join(''));
    expect(res.usage).toEqual({ prompt_tokens: 40, completion_tokens: 12 });
    expect(chatCalls()[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  const tools = [
    { name: 'update_field', description: 'Set a CRM field', parameters: { type: 'object', properties: { field: { type: 'string' }, value: {} } } },
    { name: 'add_fact', description: 'Remember a fact', parameters: { type: 'object', properties: { fact: { type: 'string' } } } },
  ];

  it('returns a tool call sent whole (non-streaming) and passes tools and tool_choice', async () => {
    fake.setChatScript(() => ({ tool_calls: [{ id: 'call_1', name: 'update_field', arguments: { field: 'city', value: 'Алматы' } }] }));
    const res = await chatComplete(ask({ tools, toolChoice: { name: 'update_field' } }));
    expect(res.toolCalls).toEqual([{ id: 'call_1', name: 'update_field', arguments: { field: 'city', value: 'Алматы' }, rawArguments: '{"field":"city","value":"Алматы"}' }]);
    expect(chatCalls()[0]!.body).toMatchObject({
      tools: [{ type: 'function', function: { name: 'update_field' } }, { type: 'function', function: { name: 'add_fact' } }],
      tool_choice: { type: 'function', function: { name: 'update_field' } },
    });
  });

  it('assembles parallel streamed tool calls whose arguments arrive interleaved in fragments', async () => {
    fake.setChatScript(() => ({
      interleave_tool_calls: true,
      tool_calls: [
        { id: 'call_a', name: 'update_field', arguments: { field: 'device', value: 'iPhone 13 Pro Max, треснул экран' } },
        { id: 'call_b', name: 'add_fact', arguments: { fact: 'Клиент торопится, нужен ремонт сегодня' } },
      ],
    }));
    const deltas: string[] = [];
    const res = await chatComplete(ask({ tools, onDelta: (t) => deltas.push(t) }));
    expect(deltas).toEqual([]);
    expect(res.finishReason).toBe('tool_calls');
    expect(res.toolCalls.map((c) => [c.id, c.name, c.arguments])).toEqual([
      ['call_a', 'update_field', { field: 'device', value: 'iPhone 13 Pro Max, треснул экран' }],
      ['call_b', 'add_fact', { fact: 'Клиент торопится, нужен ремонт сегодня' }],
    ]);
  });

  it('recognises a tool turn by the calls when the stream says stop (Gemini), text before them included', async () => {
    fake.setChatScript(() => ({ content: 'Записываю.', finish_reason: 'stop', tool_calls: [{ name: 'add_fact', arguments: { fact: 'есть гарантия' } }] }));
    const deltas: string[] = [];
    const res = await chatComplete(ask({ tools, onDelta: (t) => deltas.push(t) }));
    expect(res.finishReason).toBe('stop');
    expect(deltas.join('')).toBe('Записываю.');
    expect(res.toolCalls).toHaveLength(1);
    expect(res.toolCalls[0]).toMatchObject({ name: 'add_fact', arguments: { fact: 'есть гарантия' } });
  });

  it('keeps malformed tool arguments as raw text with arguments null', async () => {
    fake.setChatScript(() => ({ tool_calls: [{ id: 'call_x', name: 'add_fact', arguments: '{"fact": "не закрыта' }] }));
    const streamed = await chatComplete(ask({ tools, onDelta: () => {} }));
    expect(streamed.toolCalls).toEqual([{ id: 'call_x', name: 'add_fact', arguments: null, rawArguments: '{"fact": "не закрыта' }]);
    const plain = await chatComplete(ask({ tools }));
    expect(plain.toolCalls[0]).toMatchObject({ arguments: null, rawArguments: '{"fact": "не закрыта' });
  });

  it('sends an earlier tool turn and its results back in the wire format', async () => {
    await chatComplete(
      ask({
        messages: [
          { role: 'user', content: 'Я из Астаны' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', name: 'update_field', arguments: { field: 'city', value: 'Астана' }, rawArguments: '{"field":"city","value":"Астана"}' }] },
          { role: 'tool', tool_call_id: 'call_1', content: '{"status":"applied"}' },
        ],
      }),
    );
    const messages = (chatCalls()[0]!.body as { messages: unknown[] }).messages;
    expect(messages[1]).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'update_field', arguments: '{"field":"city","value":"Астана"}' } }],
    });
    expect(messages[2]).toEqual({ role: 'tool', tool_call_id: 'call_1', content: '{"status":"applied"}' });
  });
});

describe('failures and retries', () => {
  it('retries a 429 rate limit after the provider’s Retry-After, then answers', async () => {
    fake.failNext(429, 1, { code: 'rate_limit_exceeded', retryAfterMs: 300 });
    const started = Date.now();
    const res = await chatComplete(ask());
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(res.content).toBe('FAKE: Сколько стоит замена экрана?');
    expect(chatCalls()).toHaveLength(2);
  });

  it('gives up on a rate limit after the retries as provider_rate_limited', async () => {
    fake.failNext(429, 3, { code: 'rate_limit_exceeded', retryAfterMs: 1 });
    const err = await failure(chatComplete(ask({ maxRetries: 2 })));
    expect(err.code).toBe('provider_rate_limited');
    expect(chatCalls()).toHaveLength(3);
  });

  it('does not retry insufficient_quota: provider_quota_exhausted after one request', async () => {
    fake.failNext(429, 1, { code: 'insufficient_quota', type: 'insufficient_quota', message: 'You exceeded your current quota' });
    const err = await failure(chatComplete(ask()));
    expect(err.code).toBe('provider_quota_exhausted');
    expect(err.details.status).toBe(429);
    expect(chatCalls()).toHaveLength(1);
  });

  it('turns repeated 5xx into provider_unavailable after 1 + maxRetries attempts', async () => {
    fake.failNext(500, 2, { retryAfterMs: 1 });
    fake.failNext(503, 2, { retryAfterMs: 1 });
    const err = await failure(chatComplete(ask({ maxRetries: 3 })));
    expect(err.code).toBe('provider_unavailable');
    expect(chatCalls()).toHaveLength(4);
  });

  it('recovers from a 5xx on a streamed call before anything was shown', async () => {
    fake.failNext(502, 1, { retryAfterMs: 1 });
    const deltas: string[] = [];
    const res = await chatComplete(ask({ onDelta: (t) => deltas.push(t) }));
    expect(res.content).toBe('FAKE: Сколько стоит замена экрана?');
    expect(deltas.join('')).toBe(res.content);
  });

  it('times out a hanging attempt, retries, and fails as provider_timeout when every attempt hangs', async () => {
    fake.hangNext(1);
    const ok = await chatComplete(ask({ timeoutMs: 150, maxRetries: 1 }));
    expect(ok.content).toBe('FAKE: Сколько стоит замена экрана?');
    fake.hangNext(2);
    const started = Date.now();
    const err = await failure(chatComplete(ask({ timeoutMs: 150, maxRetries: 1 })));
    expect(err.code).toBe('provider_timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a slow but in-time provider is not cut off (setLatency)', async () => {
    fake.setLatency(100);
    const res = await chatComplete(ask({ timeoutMs: 2_000 }));
    expect(res.durationMs).toBeGreaterThanOrEqual(95);
  });

  it('maps a refused key to provider_auth_failed without retrying and without the key in the message', async () => {
    setEnv({ OPENAI_API_KEY: 'sk-wrong-key-9999' });
    try {
      const err = await failure(chatComplete(ask()));
      expect(err.code).toBe('provider_auth_failed');
      expect(err.details.status).toBe(401);
      expect(err.message).not.toContain('9999');
      expect(chatCalls()).toHaveLength(1);
    } finally {
      setEnv({ OPENAI_API_KEY: ENV_KEY });
    }
  });

  it('unknown registry ids and unconfigured providers fail before any request', async () => {
    expect((await failure(chatComplete(ask({ modelId: 'gemini-1.5-pro' })))).code).toBe('model_unknown');
    expect((await failure(chatComplete(ask({ modelId: 'gemini-2.5-flash' })))).code).toBe('provider_not_configured');
    expect(chatCalls()).toHaveLength(0);
  });

  it('a provider answering 404 for the model is model_unknown', async () => {
    fake.failNext(404, 1, { code: 'model_not_found', message: 'The model does not exist' });
    expect((await failure(chatComplete(ask()))).code).toBe('model_unknown');
  });
});

describe('configuration from env', () => {
  it('reports which models and providers are configured', async () => {
    expect(await providerConfigured('gpt-4.1')).toBe(true);
    expect(await providerConfigured('gemini-2.5-flash')).toBe(false);
    expect(await providerConfigured('custom')).toBe(false);
    expect(await providerConfigured('no-such-model')).toBe(false);
    expect(await anyChatProviderConfigured()).toBe(true);
    setEnv({ OPENAI_API_KEY: undefined });
    try {
      expect(await anyChatProviderConfigured()).toBe(false);
    } finally {
      setEnv({ OPENAI_API_KEY: ENV_KEY });
    }
  });

  it('reaches Gemini, OpenRouter and a custom server through their own env settings', async () => {
    setEnv({ GEMINI_API_KEY: ENV_KEY, GEMINI_BASE_URL: fake.url, OPENROUTER_API_KEY: ENV_KEY, OPENROUTER_BASE_URL: fake.url, CUSTOM_LLM_BASE_URL: fake.url, CUSTOM_LLM_MODEL: 'qwen2.5:7b', CUSTOM_LLM_API_KEY: ENV_KEY, APP_URL: 'https://agents.example.kz' });
    try {
      const gemini = await chatComplete(ask({ modelId: 'gemini-2.5-flash' }));
      expect(gemini).toMatchObject({ provider: 'gemini', providerModel: 'gemini-2.5-flash' });
      const router = await chatComplete(ask({ modelId: 'openrouter-claude-sonnet-4' }));
      expect(router).toMatchObject({ provider: 'openrouter', providerModel: 'anthropic/claude-sonnet-4' });
      const custom = await chatComplete(ask({ modelId: 'custom' }));
      expect(custom).toMatchObject({ provider: 'custom', providerModel: 'qwen2.5:7b', costUsd: 0 });
      const [g, r, c] = chatCalls();
      expect((c!.body as { model: string }).model).toBe('qwen2.5:7b');
      expect(r!.headers['http-referer']).toBe('https://agents.example.kz');
      expect(r!.headers['x-title']).toBeTruthy();
      expect(g!.headers['http-referer']).toBeUndefined();
    } finally {
      setEnv({ GEMINI_API_KEY: undefined, GEMINI_BASE_URL: undefined, OPENROUTER_API_KEY: undefined, OPENROUTER_BASE_URL: undefined, CUSTOM_LLM_BASE_URL: undefined, CUSTOM_LLM_MODEL: undefined, CUSTOM_LLM_API_KEY: undefined, APP_URL: undefined });
    }
  });
});

describe('registry helpers', () => {
  it('maps creativity to temperature per model and knows context sizes', () => {
    expect([temperatureFor('gpt-4.1', 'precise'), temperatureFor('gpt-4.1', 'balanced'), temperatureFor('gpt-4.1', 'creative')]).toEqual([0.2, 0.6, 0.9]);
    expect(temperatureFor('openrouter-claude-sonnet-4', 'creative')).toBe(0.8);
    expect(temperatureFor('gpt-4.1', null)).toBe(0.6);
    expect(modelContextTokens('gpt-4o-mini')).toBe(128_000);
    expect(modelContextTokens('no-such-model')).toBe(8_192);
  });
});
