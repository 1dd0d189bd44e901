import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import OpenAI, { APIError, toFile } from 'openai';
import { startFakeOpenAI, type FakeOpenAI } from './openai-server';

const API_KEY = 'sk-test-fake-key';

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return dot / (Math.sqrt(na) * Math.sqrt(nb));
}

describe('fake OpenAI server driven by the openai SDK', () => {
  let fake: FakeOpenAI;
  let client: OpenAI;

  beforeAll(async () => {
    fake = await startFakeOpenAI({ apiKey: API_KEY });
    client = new OpenAI({ apiKey: API_KEY, baseURL: fake.url, maxRetries: 0 });
  });

  afterAll(async () => {
    await fake.close();
  });

  beforeEach(() => {
    fake.reset();
  });

  it('listens on 127.0.0.1 with a /v1 base URL', () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it('returns deterministic embeddings where similar texts are closer (SDK default base64)', async () => {
    const res = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['замена экрана', 'экран заменить', 'фундамент дома'],
    });
    // the SDK asks for base64 by default and decodes it itself
    expect((fake.requests[0]?.body as { encoding_format?: string }).encoding_format).toBe('base64');
    expect(res.object).toBe('list');
    expect(res.data).toHaveLength(3);
    expect(res.data.map((d) => d.index)).toEqual([0, 1, 2]);
    expect(res.usage.prompt_tokens).toBeGreaterThan(0);
    const [a, b, c] = res.data.map((d) => d.embedding);
    expect(a).toHaveLength(1536);
    const simAB = cosine(a!, b!);
    const simAC = cosine(a!, c!);
    const simBC = cosine(b!, c!);
    expect(simAB).toBeGreaterThan(0.5);
    expect(simAB).toBeGreaterThan(simAC + 0.3);
    expect(simAB).toBeGreaterThan(simBC + 0.3);
    expect(Math.abs(cosine(a!, a!) - 1)).toBeLessThan(1e-5);

    // deterministic, explicit float format, `dimensions` honoured
    const again = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'замена экрана',
      encoding_format: 'float',
      dimensions: 256,
    });
    const v = again.data[0]!.embedding;
    expect(Array.isArray(v)).toBe(true);
    expect(v).toHaveLength(256);
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    expect(norm).toBeCloseTo(1, 6);
    const again2 = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'замена экрана',
      encoding_format: 'float',
      dimensions: 256,
    });
    expect(again2.data[0]!.embedding).toEqual(v);
  });

  it('answers chat completions (non-streaming) with the default echo script', async () => {
    const res = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are a bot.' },
        { role: 'user', content: 'Привет!' },
      ],
    });
    expect(res.object).toBe('chat.completion');
    expect(res.choices[0]!.message.role).toBe('assistant');
    expect(res.choices[0]!.message.content).toBe('FAKE: Привет!');
    expect(res.choices[0]!.finish_reason).toBe('stop');
    expect(res.usage!.total_tokens).toBe(res.usage!.prompt_tokens + res.usage!.completion_tokens);

    const recorded = fake.requests[0]!;
    expect(recorded.method).toBe('POST');
    expect(recorded.path).toBe('/v1/chat/completions');
    expect(recorded.headers.authorization).not.toContain(API_KEY);
    expect((recorded.body as { model: string }).model).toBe('gpt-4o-mini');
  });

  it('returns scripted tool calls (non-streaming)', async () => {
    fake.setChatScript(() => ({ tool_calls: [{ name: 'book_slot', arguments: { date: '2026-01-02', slot: 3 } }] }));
    const res = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'запиши меня' }],
      tools: [{ type: 'function', function: { name: 'book_slot', parameters: { type: 'object', properties: {} } } }],
    });
    const choice = res.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    const call = choice.message.tool_calls![0]!;
    expect(call.type).toBe('function');
    if (call.type !== 'function') throw new Error('expected a function tool call');
    expect(call.function.name).toBe('book_slot');
    expect(JSON.parse(call.function.arguments)).toEqual({ date: '2026-01-02', slot: 3 });
  });

  it('streams text as SSE chunks with usage', async () => {
    fake.setChatScript((body: { messages: Array<{ content: string }> }) => ({
      content: `Ответ на: ${body.messages.at(-1)!.content}`,
    }));
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'сколько стоит замена экрана' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let contentChunks = 0;
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      expect(chunk.object).toBe('chat.completion.chunk');
      const choice = chunk.choices[0];
      if (choice?.delta.content) {
        text += choice.delta.content;
        contentChunks++;
      }
      if (choice?.finish_reason) finish = choice.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('Ответ на: сколько стоит замена экрана');
    expect(contentChunks).toBeGreaterThan(1);
    expect(finish).toBe('stop');
    expect(usage?.total_tokens).toBeGreaterThan(0);
  });

  it('streams a tool call whose argument fragments join into valid JSON', async () => {
    const args = { query: 'замена экрана iPhone 13', limit: 5, filters: { city: 'Москва' } };
    fake.setChatScript(() => ({ tool_calls: [{ name: 'search_kb', arguments: args }] }));
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'найди' }],
      tools: [{ type: 'function', function: { name: 'search_kb', parameters: { type: 'object', properties: {} } } }],
      stream: true,
    });
    const calls = new Map<number, { id?: string; name: string; args: string; fragments: number }>();
    let finish: string | null = null;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      for (const tc of choice?.delta.tool_calls ?? []) {
        const cur = calls.get(tc.index) ?? { name: '', args: '', fragments: 0 };
        if (tc.id) cur.id = tc.id;
        if (tc.function?.name) cur.name += tc.function.name;
        if (tc.function?.arguments) {
          cur.args += tc.function.arguments;
          cur.fragments++;
        }
        calls.set(tc.index, cur);
      }
      if (choice?.finish_reason) finish = choice.finish_reason;
    }
    expect(finish).toBe('tool_calls');
    expect(calls.size).toBe(1);
    const call = calls.get(0)!;
    expect(call.id).toBeTruthy();
    expect(call.name).toBe('search_kb');
    expect(call.fragments).toBeGreaterThan(1);
    expect(JSON.parse(call.args)).toEqual(args);

    // the SDK's own accumulator agrees
    fake.setChatScript(() => ({ tool_calls: [{ name: 'search_kb', arguments: args }] }));
    const runner = client.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'найди' }],
      tools: [{ type: 'function', function: { name: 'search_kb', parameters: { type: 'object', properties: {} } } }],
    });
    const final = await runner.finalChatCompletion();
    const finalCall = final.choices[0]!.message.tool_calls![0]!;
    if (finalCall.type !== 'function') throw new Error('expected a function tool call');
    expect(JSON.parse(finalCall.function.arguments)).toEqual(args);
  });

  it('transcribes uploaded audio (default and scripted text)', async () => {
    const file = await toFile(Buffer.from('OggS fake audio bytes'), 'voice.ogg', { type: 'audio/ogg' });
    const res = await client.audio.transcriptions.create({ file, model: 'whisper-1', language: 'ru' });
    expect(res.text).toBe('транскрипция: voice.ogg');
    const body = fake.requests[0]!.body as Record<string, unknown>;
    expect(body.model).toBe('whisper-1');
    expect(body.language).toBe('ru');
    expect(body.file).toMatchObject({ filename: 'voice.ogg', size: 21 });

    fake.setTranscript('Здравствуйте, хочу записаться');
    const res2 = await client.audio.transcriptions.create({
      file: await toFile(Buffer.from('x'), 'голос.ogg'),
      model: 'gpt-4o-mini-transcribe',
    });
    expect(res2.text).toBe('Здравствуйте, хочу записаться');
  });

  it('lists models', async () => {
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toContain('text-embedding-3-small');
  });

  it('rejects a wrong API key with 401 and OpenAI error JSON', async () => {
    const bad = new OpenAI({ apiKey: 'sk-wrong', baseURL: fake.url, maxRetries: 0 });
    const err = await bad.models.list().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    const apiErr = err as APIError;
    expect(apiErr.status).toBe(401);
    expect(apiErr.code).toBe('invalid_api_key');
    expect(apiErr.type).toBe('invalid_request_error');
  });

  it('failNext makes the next N requests fail with that status', async () => {
    fake.failNext(429, 2);
    for (let i = 0; i < 2; i++) {
      const err = await client.chat.completions
        .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(APIError);
      expect(err).toBeInstanceOf(OpenAI.RateLimitError);
      expect((err as APIError).status).toBe(429);
      expect((err as APIError).code).toBe('rate_limit_exceeded');
    }
    const ok = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    expect(ok.choices[0]!.message.content).toBe('FAKE: hi');
    expect(fake.requests).toHaveLength(3);
  });

  it('failNext works with SDK retries (500 then success)', async () => {
    const retrying = new OpenAI({ apiKey: API_KEY, baseURL: fake.url, maxRetries: 2 });
    fake.failNext(500, 2, { retryAfterMs: 1 });
    const res = await retrying.embeddings.create({ model: 'text-embedding-3-small', input: 'экран' });
    expect(res.data[0]!.embedding).toHaveLength(1536);
    expect(fake.requests).toHaveLength(3);
  });
});
