// A workspace's own AI provider keys through the API: owners/admins set, list and delete them,
// the key itself never comes back (nor reaches the database unsealed, the audit log or the logs),
// it wins over the environment's key for that workspace only, members cannot touch keys, a
// base URL must be http(s) and not a private address, and the status / models endpoints say
// what is configured. Also: agents on the retired Gemini 1.5 Pro move to 2.5 Flash.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server';
import { api, registerUser } from '../helpers/api';
import { asAuthenticated, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { captureLogs } from '../helpers/logs';
import { addMember, auditRows, disableRateLimits, fieldsOf, newAgent, type TestUser } from './agents-fixtures';
import { resetEnvCache } from '@/lib/env';
import { chatComplete } from '@/lib/ai/provider/chat-complete';
import { forgetWorkspaceAiKeys, providerConfigured } from '@/lib/ai/provider/provider-config';
import { ProviderError } from '@/lib/ai/provider/types';
import type { Database } from '@/lib/db/client';
import { systemActor, TransactionScopeError, withActor } from '@/lib/db/actor';

const WS_KEY = 'sk-workspace-secret-7c1f';
const ENV_KEY = 'sk-env-other-key-0000';

let db: Database;
let fake: FakeOpenAI;
let A: TestUser;
let B: TestUser;
let member: TestUser & { headers: Record<string, string> };
let viewer: TestUser & { headers: Record<string, string> };

function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  forgetWorkspaceAiKeys();
}

const ask = (workspaceId: string, modelId = 'gpt-4.1') =>
  chatComplete({ modelId, purpose: 'check', workspaceId, messages: [{ role: 'user', content: 'Здравствуйте' }] });

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  // The fake accepts only the workspace's key: the env key pointing at it is refused.
  fake = await startFakeOpenAI({ apiKey: WS_KEY });
  setEnv({ OPENAI_API_KEY: ENV_KEY, OPENAI_BASE_URL: fake.url, AI_ALLOW_PRIVATE_BASE_URLS: undefined });
  A = await registerUser({ company_name: 'A Repairs' });
  B = await registerUser({ company_name: 'B Builders' });
  member = await addMember(db, A, 'member');
  viewer = await addMember(db, A, 'viewer');
});
afterAll(async () => {
  setEnv({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined, AI_ALLOW_PRIVATE_BASE_URLS: undefined });
  await fake.close();
  await teardownTestDatabase();
});

describe('base URL and body checks', () => {
  it('refuses bad input with 400 naming the field', async () => {
    const put = (provider: string, body: unknown) => api('PUT', `/api/ai/keys/${provider}`, { token: A.token, body });
    const local = await put('openai', { api_key: WS_KEY, base_url: fake.url });
    expect(local.status).toBe(400);
    expect(local.body.error.code).toBe('base_url_not_allowed');
    expect(local.body.error.details.fields).toEqual([expect.objectContaining({ field: 'base_url', code: 'base_url_not_allowed' })]);
    for (const url of ['http://10.1.2.3/v1', 'http://192.168.0.10:11434/v1', 'http://[::1]:8080/v1', 'http://localhost:11434/v1', 'http://169.254.169.254/latest', 'http://ollama:11434/v1']) {
      expect((await put('openai', { api_key: WS_KEY, base_url: url })).body.error.code, url).toBe('base_url_not_allowed');
    }
    const ftp = await put('openai', { api_key: WS_KEY, base_url: 'ftp://api.example.com' });
    expect([ftp.status, fieldsOf(ftp)]).toEqual([400, ['base_url']]);
    const noKey = await put('gemini', { base_url: 'https://proxy.example.com/v1' });
    expect([noKey.status, fieldsOf(noKey)]).toEqual([400, ['api_key']]);
    const custom = await put('custom', { api_key: 'x' });
    expect([custom.status, fieldsOf(custom)]).toEqual([400, ['base_url']]);
    const noModel = await put('custom', { base_url: 'https://llm.example.com/v1' });
    expect([noModel.status, fieldsOf(noModel)]).toEqual([400, ['model']]);
    const unknown = await put('anthropic', { api_key: WS_KEY });
    expect([unknown.status, fieldsOf(unknown)]).toEqual([400, ['provider']]);
    expect((await api('GET', '/api/ai/keys', { token: A.token })).body.data).toEqual([]);
  });
});

describe('a workspace key', () => {
  beforeAll(() => setEnv({ AI_ALLOW_PRIVATE_BASE_URLS: '1' }));

  it('is set by the owner, listed with its hint only, sealed in the database and audited without the key', async () => {
    // Before: the env key is used for A and the fake refuses it.
    const before = (await ask(A.workspaceId).catch((e: unknown) => e)) as ProviderError;
    expect(before.code).toBe('provider_auth_failed');

    const logs = captureLogs();
    try {
      const res = await api('PUT', '/api/ai/keys/openai', { token: A.token, body: { api_key: WS_KEY, base_url: `${fake.url}/` } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual({ provider: 'openai', key_hint: '7c1f', base_url: fake.url, model: null, updated_at: expect.any(String) });
      const list = await api('GET', '/api/ai/keys', { token: A.token });
      expect(list.body.data).toEqual([res.body]);
      expect(JSON.stringify(list.body)).not.toContain(WS_KEY);

      // The workspace key beats the env key, for A only.
      const answer = await ask(A.workspaceId);
      expect(answer.content).toBe('FAKE: Здравствуйте');
      expect(answer.provider).toBe('openai');
      const other = (await ask(B.workspaceId).catch((e: unknown) => e)) as ProviderError;
      expect(other.code).toBe('provider_auth_failed');
      expect(logs.lines.some((l) => l.msg === 'chat model call')).toBe(true);
    } finally {
      logs.stop();
    }
    expect(JSON.stringify(logs.lines)).not.toContain(WS_KEY);
    expect(JSON.stringify(logs.lines)).not.toContain(ENV_KEY);

    const [row] = await db.query<{ api_key_sealed: string; key_hint: string }>('select api_key_sealed, key_hint from workspace_ai_keys where workspace_id = $1', [A.workspaceId]);
    expect(row.api_key_sealed).not.toContain(WS_KEY);
    const audit = await auditRows(db, A.workspaceId, 'create_ai_key');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.new_values).toMatchObject({ provider: 'openai', key_hint: '7c1f' });
    expect(JSON.stringify(audit)).not.toContain(WS_KEY);
  });

  it('status and models say the provider is configured by the workspace; viewers may read the status', async () => {
    await db.query('update workspaces set ai_responses_used = 12, ai_responses_limit = 500 where id = $1', [A.workspaceId]);
    const status = await api('GET', '/api/ai/status', { token: viewer.token, headers: viewer.headers });
    expect(status.status).toBe(200);
    expect(status.body.chat).toEqual({
      configured: true,
      default_mode: 'model',
      providers: [
        { provider: 'openai', configured: true, source: 'workspace' },
        { provider: 'openrouter', configured: false, source: null },
        { provider: 'gemini', configured: false, source: null },
        { provider: 'custom', configured: false, source: null },
      ],
    });
    expect(status.body.embeddings).toMatchObject({ configured: true, model: 'text-embedding-3-small' });
    expect(status.body.quota).toEqual({ used: 12, limit: 500, exceeded: false });
    expect(JSON.stringify(status.body)).not.toContain(WS_KEY);

    const models = await api('GET', '/api/agents/models', { token: A.token });
    const byId = Object.fromEntries(models.body.models.map((m: { id: string }) => [m.id, m]));
    expect(byId['gpt-4.1']).toMatchObject({ configured: true, context_tokens: 1_047_576, price_in_per_mtok: 2, price_out_per_mtok: 8 });
    expect(byId['gemini-2.5-flash']).toMatchObject({ configured: false });
    expect(byId['gemini-1.5-pro']).toBeUndefined();
  });

  it('members cannot list, set or delete keys; another workspace sees none of them', async () => {
    const as = { token: member.token, headers: member.headers };
    expect((await api('GET', '/api/ai/keys', as)).status).toBe(403);
    expect((await api('PUT', '/api/ai/keys/gemini', { ...as, body: { api_key: 'AIza-member-key-123' } })).status).toBe(403);
    expect((await api('DELETE', '/api/ai/keys/openai', as)).status).toBe(403);
    expect((await api('GET', '/api/ai/keys', { token: viewer.token, headers: viewer.headers })).status).toBe(403);

    expect((await api('GET', '/api/ai/keys', { token: B.token })).body.data).toEqual([]);
    expect((await api('DELETE', '/api/ai/keys/openai', { token: B.token })).status).toBe(404);
    const bStatus = await api('GET', '/api/ai/status', { token: B.token });
    expect(bStatus.body.chat.providers[0]).toEqual({ provider: 'openai', configured: true, source: 'env' });
    // Through SQL: RLS shows the row to A's owner only (not B's owner, not A's member).
    const claims = (u: TestUser, ws: string) => ({ sub: u.userId, role: 'authenticated', workspace_id: ws });
    const select = 'select provider, api_key_sealed from workspace_ai_keys';
    const own = await asAuthenticated(db, claims(A, A.workspaceId), (q) => q(select));
    expect(own.map((r) => r.provider), 'positive control').toEqual(['openai']);
    expect(await asAuthenticated(db, claims(B, B.workspaceId), (q) => q(select))).toEqual([]);
    expect(await asAuthenticated(db, claims(member, A.workspaceId), (q) => q(select))).toEqual([]);
    await expect(
      asAuthenticated(db, claims(member, A.workspaceId), (q) =>
        q(`insert into workspace_ai_keys (workspace_id, provider, api_key_sealed, key_hint) values ($1, 'gemini', 'x', '') returning id`, [A.workspaceId]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('a custom OpenAI-compatible server needs a base URL and a model, and answers as that model', async () => {
    const res = await api('PUT', '/api/ai/keys/custom', { token: A.token, body: { api_key: WS_KEY, base_url: fake.url, model: 'qwen2.5:7b-instruct' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ provider: 'custom', model: 'qwen2.5:7b-instruct' });
    expect(await providerConfigured('custom', A.workspaceId)).toBe(true);
    expect(await providerConfigured('custom', B.workspaceId)).toBe(false);
    const answer = await ask(A.workspaceId, 'custom');
    expect(answer).toMatchObject({ provider: 'custom', providerModel: 'qwen2.5:7b-instruct', costUsd: 0 });
    expect((fake.requests.at(-1)!.body as { model: string }).model).toBe('qwen2.5:7b-instruct');
  });

  it('replacing then deleting a key brings the env key back', async () => {
    const replaced = await api('PUT', '/api/ai/keys/openai', { token: A.token, body: { api_key: 'sk-replaced-key-ab12', base_url: fake.url } });
    expect(replaced.body.key_hint).toBe('ab12');
    expect((await auditRows(db, A.workspaceId, 'update_ai_key'))[0]!.old_values).toMatchObject({ key_hint: '7c1f' });
    expect((await api('DELETE', '/api/ai/keys/openai', { token: A.token })).status).toBe(204);
    expect((await api('DELETE', '/api/ai/keys/openai', { token: A.token })).status).toBe(404);
    expect((await api('GET', '/api/ai/keys', { token: A.token })).body.data.map((k: { provider: string }) => k.provider)).toEqual(['custom']);
    const status = await api('GET', '/api/ai/status', { token: A.token });
    expect(status.body.chat.providers[0]).toEqual({ provider: 'openai', configured: true, source: 'env' });
    expect(await auditRows(db, A.workspaceId, 'delete_ai_key')).toHaveLength(1);
  });

  it('without any provider the status says knowledge-base-only, and a spent quota shows as exceeded', async () => {
    setEnv({ OPENAI_API_KEY: undefined });
    try {
      await db.query('update workspaces set ai_responses_used = 500 where id = $1', [B.workspaceId]);
      const status = await api('GET', '/api/ai/status', { token: B.token });
      expect(status.body.chat).toMatchObject({ configured: false, default_mode: 'kb_only' });
      expect(status.body.embeddings).toEqual({ configured: false, semantic_search: false, model: null });
      expect(status.body.quota).toEqual({ used: 500, limit: 500, exceeded: true });
    } finally {
      setEnv({ OPENAI_API_KEY: ENV_KEY });
    }
  });
});

describe('no model call inside a transaction', () => {
  it('chatComplete inside withActor throws before any request', async () => {
    const before = fake.requests.length;
    await expect(withActor(systemActor('agent-runtime', A.workspaceId), () => ask(A.workspaceId, 'custom'))).rejects.toBeInstanceOf(TransactionScopeError);
    expect(fake.requests.length).toBe(before);
  });
});

describe('migration 20261129000200', () => {
  it('moves agents on the retired Gemini 1.5 Pro to Gemini 2.5 Flash', async () => {
    const agent = await newAgent(A.token, { model: 'gpt-4o' });
    await db.query(`update agents set model = 'gemini-1.5-pro' where id = $1`, [agent.id]);
    await db.exec(fs.readFileSync(path.resolve(__dirname, '../../supabase/migrations/20261129000200_providers.sql'), 'utf8'));
    const res = await api('GET', `/api/agents/${agent.id}`, { token: A.token });
    expect(res.body.agent.model).toBe('gemini-2.5-flash');
  });
});
