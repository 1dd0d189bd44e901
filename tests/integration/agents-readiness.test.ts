// Honest readiness: an agent is ready when it can answer — a model whose provider has a key
// (or knowledge-base-only mode) and knowledge with active articles; a channel only informs.
// Switching on an agent that is not ready is refused with the failing checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { addActiveArticle, addMember, disableRateLimits, newAgent, newCategory, setPlan, type TestUser } from './agents-fixtures';

let db: Database;
let A: TestUser;
let B: TestUser;
const savedKey = process.env.OPENAI_API_KEY;

const readiness = async (id: string, u: TestUser = A) => api('GET', `/api/agents/${id}/readiness`, { token: u.token });
const check = (r: { checks: { code: string; ok: boolean }[] }, code: string) => r.checks.find((c) => c.code === code)!.ok;

beforeAll(async () => {
  disableRateLimits();
  delete process.env.OPENAI_API_KEY;
  resetEnvCache();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Ready A' });
  B = await registerUser({ company_name: 'Ready B' });
  await setPlan(db, A.workspaceId, 'max');
});
afterAll(async () => {
  if (savedKey === undefined) delete process.env.OPENAI_API_KEY;
  else process.env.OPENAI_API_KEY = savedKey;
  resetEnvCache();
  await teardownTestDatabase();
});

describe('checks', () => {
  it('a new agent uses every category; without a model key and articles it is not ready, test chat only', async () => {
    const agent = await newAgent(A.token);
    expect((await api('GET', `/api/agents/${agent.id}/knowledge-base`, { token: A.token })).body.all_categories).toBe(true);
    const res = await readiness(agent.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ready: false, mode: 'model', channel: 'test_chat_only' });
    expect(res.body.checks.map((c: { code: string; ok: boolean; blocking: boolean }) => [c.code, c.ok, c.blocking])).toEqual([
      ['model', false, true],
      ['knowledge', false, true],
      ['channel', false, false],
    ]);
    expect(res.body.checks[0].message).toMatch(/API key/);
  });

  it('knowledge: chosen categories need an active article in them; all categories need one anywhere', async () => {
    const agent = await newAgent(A.token, { kb_only: true });
    const empty = await newCategory(db, A.workspaceId, 'Пустая');
    await api('PUT', `/api/agents/${agent.id}/knowledge-base`, { token: A.token, body: { all_categories: false, selected_categories: [empty] } });
    expect(check((await readiness(agent.id)).body, 'knowledge')).toBe(false);
    const art = await addActiveArticle(A.token, [empty]);
    expect((await readiness(agent.id)).body).toMatchObject({ ready: true, mode: 'kb_only' });
    // A switched-off article does not count.
    await api('PATCH', `/api/kb/articles/${art.id}`, { token: A.token, body: { is_active: false } });
    expect(check((await readiness(agent.id)).body, 'knowledge')).toBe(false);
    await api('PUT', `/api/agents/${agent.id}/knowledge-base`, { token: A.token, body: { all_categories: false, selected_categories: [] } });
    const none = (await readiness(agent.id)).body;
    expect(check(none, 'knowledge')).toBe(false);
    expect(none.checks[1].message).toMatch(/No knowledge-base categories/);
    await api('PUT', `/api/agents/${agent.id}/knowledge-base`, { token: A.token, body: { all_categories: true } });
    await addActiveArticle(A.token);
    expect((await readiness(agent.id)).body.ready).toBe(true);
  });

  it('model: the provider’s key makes a model agent ready; kb_only needs no key', async () => {
    const agent = await newAgent(A.token);
    expect(check((await readiness(agent.id)).body, 'model')).toBe(false);
    process.env.OPENAI_API_KEY = 'sk-test-readiness';
    resetEnvCache();
    try {
      const r = (await readiness(agent.id)).body;
      expect(check(r, 'model')).toBe(true);
      expect(r.ready).toBe(true);
    } finally {
      delete process.env.OPENAI_API_KEY;
      resetEnvCache();
    }
    await api('PATCH', `/api/agents/${agent.id}`, { token: A.token, body: { kb_only: true } });
    expect((await readiness(agent.id)).body).toMatchObject({ ready: true, mode: 'kb_only' });
  });

  it('channel: connected when the agent listens on a connected integration; informative only', async () => {
    const agent = await newAgent(A.token, { kb_only: true });
    await api('PUT', `/api/agents/${agent.id}/channels`, { token: A.token, body: { all_channels: false, channels: ['telegram'] } });
    expect((await readiness(agent.id)).body).toMatchObject({ ready: true, channel: 'test_chat_only' });
    await db.query(
      `insert into integrations (workspace_id, integration_type, is_active, is_connected) values ($1, 'telegram', true, true)`,
      [A.workspaceId],
    );
    const r = (await readiness(agent.id)).body;
    expect(r).toMatchObject({ ready: true, channel: 'connected' });
    expect(check(r, 'channel')).toBe(true);
  });

  it('lists and details carry readiness and kb_only', async () => {
    const agent = await newAgent(A.token, { name: 'Listed' });
    const detail = (await api('GET', `/api/agents/${agent.id}`, { token: A.token })).body.agent;
    expect(detail).toMatchObject({ kb_only: false, readiness: { ready: false } });
    const listed = (await api('GET', '/api/agents', { token: A.token, query: { search: 'Listed' } })).body.agents[0];
    expect(listed).toMatchObject({ id: agent.id, kb_only: false, readiness: { ready: false, mode: 'model' } });
  });
});

describe('switching on', () => {
  it('toggle and PATCH is_active refuse a not-ready agent with 409 agent_not_ready naming the failing checks', async () => {
    const agent = await newAgent(A.token);
    const t = await api('PATCH', `/api/agents/${agent.id}/toggle`, { token: A.token });
    expect(t.status).toBe(409);
    expect(t.body.error.code).toBe('agent_not_ready');
    // The workspace has articles by now: only the model is missing.
    expect(t.body.error.details.checks.map((c: { code: string; ok: boolean }) => [c.code, c.ok])).toEqual([['model', false]]);
    const p = await api('PATCH', `/api/agents/${agent.id}`, { token: A.token, body: { is_active: true } });
    expect(p.status).toBe(409);
    expect((await api('GET', `/api/agents/${agent.id}`, { token: A.token })).body.agent.is_active).toBe(false);
  });

  it('choosing knowledge-base-only (in the same PATCH) makes it ready and it switches on; off always works', async () => {
    await addActiveArticle(A.token);
    const agent = await newAgent(A.token);
    const p = await api('PATCH', `/api/agents/${agent.id}`, { token: A.token, body: { kb_only: true, is_active: true } });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body.agent).toMatchObject({ is_active: true, kb_only: true, readiness: { ready: true, mode: 'kb_only' } });
    const off = await api('PATCH', `/api/agents/${agent.id}/toggle`, { token: A.token });
    expect(off.body.agent.is_active).toBe(false);
    const on = await api('PATCH', `/api/agents/${agent.id}/toggle`, { token: A.token });
    expect(on.status).toBe(200);
    expect(on.body.agent.is_active).toBe(true);
  });

  it('readiness of another workspace’s agent is 404; a viewer may read it', async () => {
    const agent = await newAgent(A.token);
    expect((await readiness(agent.id, B)).status).toBe(404);
    const viewer = await addMember(db, A, 'viewer');
    const v = await api('GET', `/api/agents/${agent.id}/readiness`, { token: viewer.token, headers: viewer.headers });
    expect(v.status).toBe(200);
  });
});
