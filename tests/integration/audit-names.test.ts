// The audit log names what it talks about: entity and id-valued fields resolved to names
// (deleted ones marked), and every action, entity and field it records has a label in
// each language's catalogue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { createArticle, createCategory } from '../helpers/kb';
import { disableRateLimits, fullAgent, makeAgentReady, type TestUser } from './agents-fixtures';
import type { Database } from '@/lib/db/client';
import ru from '@/lib/i18n/messages/ru/audit.json';
import en from '@/lib/i18n/messages/en/audit.json';
import kk from '@/lib/i18n/messages/kk/audit.json';

let db: Database;
let A: TestUser;

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Audit Names' });
});
afterAll(async () => {
  delete process.env.RATE_LIMIT_DISABLED;
  await teardownTestDatabase();
});

const content = 'Article body long enough to pass validation.';

async function auditPage(query: Record<string, string> = {}) {
  const res = await api('GET', '/api/audit-log', { token: A.token, query: { limit: '100', ...query } });
  expect(res.status).toBe(200);
  return res.body.entries as any[];
}

describe('audit log names', () => {
  it('resolves agents, categories and articles to names, and marks deleted ones', async () => {
    const prices = await createCategory(A.token, { name: 'Prices' });
    const visas = await createCategory(A.token, { name: 'Visas', parent_id: prices.id });
    const article = await createArticle(A.token, { title: 'Tariffs 2026', content, categories: [visas.id] });
    const agent = (await api('POST', '/api/agents', { token: A.token, body: { name: 'Doomed bot', system_instructions: 'Sell visas politely and briefly.' } })).body.agent;
    expect((await api('PATCH', `/api/kb/categories/${visas.id}`, { token: A.token, body: { parent_id: null } })).status).toBe(200);
    expect((await api('DELETE', `/api/agents/${agent.id}`, { token: A.token })).status).toBe(204);

    const created = (await auditPage({ action: 'create_kb_article' })).find((e) => e.entity_id === String(article.id));
    expect(created.entity).toEqual({ type: 'kb_article', id: String(article.id), name: 'Tariffs 2026', deleted: false });
    expect(created.value_refs.new.categories).toEqual([{ type: 'kb_category', id: visas.id, name: 'Visas', deleted: false }]);

    const moved = (await auditPage({ action: 'update_kb_category' })).find((e) => e.entity_id === visas.id);
    expect(moved.entity).toMatchObject({ name: 'Visas', deleted: false });
    expect(moved.value_refs.old.parent_id).toMatchObject({ type: 'kb_category', id: prices.id, name: 'Prices' });

    // The agent is gone: its create entry still names it, from the audit trail, marked deleted.
    const agentCreated = (await auditPage({ action: 'create_agent' })).find((e) => e.entity_id === agent.id);
    expect(agentCreated.entity).toEqual({ type: 'agent', id: agent.id, name: 'Doomed bot', deleted: true });

    // Members are named by their user; the workspace by its name.
    const reg = (await auditPage({ action: 'register' }))[0];
    expect(reg.entity).toMatchObject({ type: 'user', deleted: false });
    expect(reg.entity.name).toBeTruthy();
  });

  it('labels every action, entity and field of a busy workspace in ru, en and kk', async () => {
    await fullAgent(db, A, 'Labelled agent');
    const agent = (await api('GET', '/api/agents', { token: A.token })).body.agents[0];
    const patched = await api('PATCH', `/api/agents/${agent.id}`, {
      token: A.token,
      body: { name: 'Renamed', creativity_level: 'creative', response_delay_seconds: 30, check_before_send: true, auto_detect_language: false },
    });
    expect(patched.status).toBe(200);
    const scope = (await api('GET', `/api/agents/${agent.id}/knowledge-base`, { token: A.token })).body;
    await makeAgentReady(A.token, agent.id, scope.selected_categories);
    expect((await api('PATCH', `/api/agents/${agent.id}/toggle`, { token: A.token, body: { is_active: true } })).status).toBe(200);
    await api('POST', `/api/agents/${agent.id}/duplicate`, { token: A.token });
    const cat = await createCategory(A.token, { name: 'Labelled' });
    const art = await createArticle(A.token, { title: 'Labelled article', content, categories: [cat.id] });
    await api('PATCH', `/api/kb/articles/${art.id}`, { token: A.token, body: { title: 'Relabelled', content: `${content} More.`, is_active: false } });
    await api('POST', `/api/kb/articles/${art.id}/duplicate`, { token: A.token });
    await api('POST', `/api/kb/categories/${cat.id}/duplicate`, { token: A.token });
    await api('DELETE', `/api/kb/categories/${cat.id}`, { token: A.token, query: { articles: 'delete' } });
    await api('POST', '/api/team/invitations', { token: A.token, body: { email: 'labels@example.com', role: 'member' } });

    await api('PATCH', `/api/kb/articles/${art.id}/toggle`, { token: A.token, body: {} });
    const entries = await auditPage();
    const seen = { actions: new Set<string>(), entities: new Set<string>(), fields: new Set<string>() };
    for (const e of entries) {
      seen.actions.add(e.action);
      seen.entities.add(e.entity_type);
      for (const v of [e.old_values, e.new_values]) {
        if (v && typeof v === 'object' && !Array.isArray(v)) Object.keys(v).forEach((k) => seen.fields.add(k));
      }
    }
    expect(seen.actions.size).toBeGreaterThan(20);
    for (const [lang, messages] of Object.entries({ ru, en, kk }) as [string, any][]) {
      const missing: string[] = [];
      for (const group of ['actions', 'entities', 'fields'] as const) {
        for (const k of seen[group]) if (!messages.labels?.[group]?.[k] && !messages[group]?.[k]) missing.push(`${group}.${k}`);
      }
      expect(missing, `${lang} lacks labels`).toEqual([]);
    }
  });
});
