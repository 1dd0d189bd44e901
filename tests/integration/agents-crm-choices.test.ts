// Agents pick from the built-in CRM (issue 7 point 7): the choices the editor lists, saving
// settings only with pipelines, stages and fields that exist in the workspace's CRM, warnings
// when they are deleted later, and POST /api/agents/:id/sync-crm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import {
  addMember,
  auditRows,
  crmFixture,
  disableRateLimits,
  expectFieldError,
  fieldsOf,
  newAgent,
  setPlan,
  type CrmFixture,
  type TestUser,
} from './agents-fixtures';

let db: Database;
let A: TestUser;
let B: TestUser;
let crm: CrmFixture;

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Choices Co' });
  B = await registerUser({ company_name: 'Other Co' });
  await setPlan(db, A.workspaceId, 'max');
  crm = await crmFixture(db, A.workspaceId);
});
afterAll(teardownTestDatabase);

const call = (method: string, path: string, body?: unknown) => api(method, path, { token: A.token, body });
const UNKNOWN = '00000000-0000-4000-8000-00000000abcd';

describe('GET /api/crm/choices', () => {
  it("lists the workspace's pipelines with stages in order, and system + custom fields named in the asked language", async () => {
    const ru = await call('GET', '/api/crm/choices');
    expect(ru.status).toBe(200);
    expect(ru.body.pipelines.map((p: { name: string }) => p.name)).toEqual(['Основная воронка', 'Поддержка']);
    const main = ru.body.pipelines[0];
    expect(main).toMatchObject({ id: crm.pipelineId, is_default: true });
    expect(main.stages.map((s: { code: string }) => s.code)).toEqual([
      'new', 'qualifying', 'quoted', 'approved', 'received', 'in_progress', 'ready', 'delivered', 'cancelled',
    ]);
    expect(main.stages[0]).toMatchObject({ id: crm.stages.new, color: expect.stringMatching(/^#/), kind: 'open' });
    expect(ru.body.deal_fields).toContainEqual({ code: 'price', name: 'Сумма', field_type: 'money', system: true, writable: true });
    expect(ru.body.deal_fields).toContainEqual({ code: 'budget', name: 'Бюджет', field_type: 'money', system: false, writable: true });
    expect(ru.body.deal_fields).toContainEqual({ code: 'stage_id', name: 'Этап', field_type: 'stage', system: true, writable: false });
    expect(ru.body.deal_fields.some((f: { code: string }) => f.code === 'f_name'), 'contact fields stay out of deal fields').toBe(false);
    expect(ru.body.contact_fields.map((f: { code: string }) => f.code)).toEqual(expect.arrayContaining(['phone', 'email', 'f_name', 'l_name']));

    const en = await api('GET', '/api/crm/choices', { token: A.token, query: { locale: 'en' } });
    expect(en.body.deal_fields.find((f: { code: string }) => f.code === 'price').name).toBe('Amount');
    const kk = await api('GET', '/api/crm/choices', { token: A.token, query: { locale: 'kk' } });
    expect(kk.body.contact_fields.find((f: { code: string }) => f.code === 'city').name).toBe('Қала');
  });

  it("shows another workspace only its own CRM, and a viewer may read the choices", async () => {
    const other = await api('GET', '/api/crm/choices', { token: B.token });
    expect(other.body.pipelines.map((p: { id: string }) => p.id)).not.toContain(crm.pipelineId);
    expect(other.body.deal_fields.some((f: { code: string }) => f.code === 'budget')).toBe(false);
    const viewer = await addMember(db, A, 'viewer');
    const res = await api('GET', '/api/crm/choices', { token: viewer.token, headers: viewer.headers });
    expect(res.status).toBe(200);
    expect(res.body.pipelines).toHaveLength(2);
  });
});

describe('saving agent settings checks them against the CRM', () => {
  let base: string;
  beforeAll(async () => {
    base = `/api/agents/${(await newAgent(A.token, { name: 'Picker' })).id}`;
  });

  it('saves known pipelines and stages, taking pipeline_name from the CRM when omitted', async () => {
    const res = await call('PUT', `${base}/pipelines`, {
      pipelines: [
        { pipeline_id: crm.pipelineId, is_active: true, stages: [crm.stages.new, crm.stages.quoted], stage_instructions: { [crm.stages.quoted]: 'Назовите цену' } },
        { pipeline_id: crm.supportId, pipeline_name: 'Своё имя', all_stages: true },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.pipelines[0]).toMatchObject({ pipeline_id: crm.pipelineId, pipeline_name: 'Основная воронка', stages: [crm.stages.new, crm.stages.quoted] });
    expect(res.body.pipelines[1]).toMatchObject({ pipeline_id: crm.supportId, pipeline_name: 'Своё имя' });
  });

  it('refuses unknown pipelines and stages with a 400 naming each, and stores nothing', async () => {
    const before = (await call('GET', `${base}/pipelines`)).body.pipelines;
    expectFieldError(await call('PUT', `${base}/pipelines`, { pipelines: [{ pipeline_id: 'sales_funnel_1', all_stages: true }] }), 'pipelines.0.pipeline_id');
    const wrongStage = await call('PUT', `${base}/pipelines`, {
      pipelines: [
        { pipeline_id: crm.pipelineId, stages: [crm.stages.new, crm.supportStages.open], stage_instructions: {} },
        { pipeline_id: crm.supportId, all_stages: true, stage_instructions: { [UNKNOWN]: 'x' } },
      ],
    });
    expectFieldError(wrongStage, 'pipelines.0.stages.1');
    expect(fieldsOf(wrongStage)).toContain(`pipelines.1.stage_instructions.${UNKNOWN}`);
    expect(wrongStage.body.error.details.fields[0].code).toBe('unknown_stage');
    // Another workspace's pipeline is unknown here.
    const bAgent = await newAgent(B.token);
    const cross = await api('PUT', `/api/agents/${bAgent.id}/pipelines`, { token: B.token, body: { pipelines: [{ pipeline_id: crm.pipelineId, all_stages: true }] } });
    expectFieldError(cross, 'pipelines.0.pipeline_id');
    expect((await call('GET', `${base}/pipelines`)).body.pipelines).toEqual(before);
  });

  it('CRM access takes only deal and contact field codes of the CRM', async () => {
    const ok = await call('PUT', `${base}/crm-access`, { read_deal_fields: ['price', 'budget', 'device'], read_contact_fields: ['phone', 'f_name'] });
    expect(ok.status).toBe(200);
    const bad = await call('PUT', `${base}/crm-access`, { read_deal_fields: ['price', 'f_name'], read_contact_fields: ['nickname'] });
    expectFieldError(bad, 'read_deal_fields.1');
    expect(fieldsOf(bad)).toContain('read_contact_fields.0');
    expect((await call('GET', `${base}/crm-access`)).body.read_deal_fields).toEqual(['price', 'budget', 'device']);
  });

  it('update rules need a field of the rule entity that the agent may write', async () => {
    const rules = `${base}/update-rules`;
    const created = await call('POST', rules, { entity_type: 'deal', field_id: 'budget', condition: 'when the budget is named' });
    expect(created.status).toBe(201);
    expectFieldError(await call('POST', rules, { entity_type: 'contact', field_id: 'budget', condition: 'budget is a deal field' }), 'field_id');
    const readOnly = await call('POST', rules, { entity_type: 'deal', field_id: 'stage_id', condition: 'stages move by change_stage' });
    expectFieldError(readOnly, 'field_id');
    expect(readOnly.body.error.details.fields[0].code).toBe('field_not_writable');
    const id = created.body.update_rule.id;
    // Switching the entity alone makes the stored field unknown for it.
    expectFieldError(await call('PATCH', `${rules}/${id}`, { entity_type: 'contact' }), 'field_id');
    const moved = await call('PATCH', `${rules}/${id}`, { entity_type: 'contact', field_id: 'l_name' });
    expect(moved.body.update_rule).toMatchObject({ entity_type: 'contact', field_id: 'l_name' });
  });
});

describe('warnings and sync-crm after the CRM changed', () => {
  let agentId: string;
  let base: string;
  let extra: { pipelineId: string; a: string; b: string };

  beforeAll(async () => {
    agentId = (await newAgent(A.token, { name: 'Drifting' })).id;
    base = `/api/agents/${agentId}`;
    const [p] = await db.query<{ id: string }>(`insert into pipelines (workspace_id, name, order_index) values ($1, 'Ремонт', 2) returning id`, [A.workspaceId]);
    const st = await db.query<{ id: string }>(
      `insert into pipeline_stages (workspace_id, pipeline_id, code, name, order_index)
       values ($1, $2, 'a', 'Приём', 0), ($1, $2, 'b', 'Выдача', 1) returning id`,
      [A.workspaceId, p.id],
    );
    extra = { pipelineId: p.id, a: st[0].id, b: st[1].id };
    await db.query(`insert into crm_fields (workspace_id, entity_type, code, name, field_type) values ($1, 'deal', 'warranty', 'Гарантия', 'text')`, [A.workspaceId]);
    const setup: [string, string, unknown][] = [
      [
        'PUT',
        `${base}/pipelines`,
        {
          pipelines: [
            {
              pipeline_id: crm.pipelineId,
              is_active: true,
              stages: [crm.stages.new, crm.stages.ready],
              stage_instructions: { [crm.stages.new]: 'Поздоровайтесь', [crm.stages.ready]: 'Скажите, что готово' },
            },
            { pipeline_id: extra.pipelineId, is_active: true, stages: [extra.a, extra.b] },
          ],
        },
      ],
      ['PUT', `${base}/crm-access`, { read_deal_fields: ['price', 'warranty'], read_contact_fields: ['phone'] }],
      ['POST', `${base}/update-rules`, { entity_type: 'deal', field_id: 'warranty', condition: 'when warranty is discussed' }],
    ];
    for (const [m, path, body] of setup) expect((await call(m, path, body)).status, path).toBeLessThan(300);
  });

  it('a fresh agent has no warnings', async () => {
    expect((await call('GET', base)).body.agent.warnings).toEqual([]);
  });

  it('the agent payload warns about a deleted stage, field and pipeline instead of failing', async () => {
    // The owner changes the CRM underneath the agent: a stage and a field go, a pipeline is renamed, another is deleted.
    await db.query('delete from pipeline_stages where id = $1', [crm.stages.ready]);
    await db.query(`delete from crm_fields where workspace_id = $1 and code = 'warranty'`, [A.workspaceId]);
    await db.query(`update pipelines set name = 'Продажи' where id = $1`, [crm.pipelineId]);
    await db.query('delete from pipelines where id = $1', [extra.pipelineId]);

    const res = await call('GET', base);
    expect(res.status).toBe(200);
    expect(res.body.agent.warnings).toEqual([
      { kind: 'missing_stage', ref: crm.stages.ready, where: 'pipelines.0.stages.1' },
      { kind: 'missing_pipeline', ref: extra.pipelineId, where: 'pipelines.1.pipeline_id' },
      { kind: 'missing_field', ref: 'warranty', where: 'crm_access.read_deal_fields.1' },
      { kind: 'missing_field', ref: 'warranty', where: 'update_rules.0.field_id' },
    ]);
    // The stored settings are untouched until someone syncs or saves.
    expect(res.body.agent.pipelines[0].stages).toEqual([crm.stages.new, crm.stages.ready]);
    // The agents list counts them for a badge; agents with nothing missing show 0.
    const list = (await api('GET', '/api/agents', { token: A.token, query: { limit: 100 } })).body.agents;
    expect(Object.fromEntries(list.map((x: { name: string; crm_warnings: number }) => [x.name, x.crm_warnings]))).toMatchObject({ Drifting: 4, Picker: 0 });
  });

  it('a viewer may not sync (403) and another workspace gets 404', async () => {
    const viewer = await addMember(db, A, 'viewer');
    const res = await api('POST', `${base}/sync-crm`, { token: viewer.token, headers: viewer.headers });
    expect(res.status).toBe(403);
    expect((await api('POST', `${base}/sync-crm`, { token: B.token })).status).toBe(404);
    expect((await call('GET', base)).body.agent.pipelines[0].stages).toHaveLength(2);
  });

  it('sync-crm renames, drops removed stages and their instructions, keeps and reports removed pipelines and fields', async () => {
    const res = await call('POST', `${base}/sync-crm`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.changes).toEqual({
      renamed: [{ pipeline_id: crm.pipelineId, old_name: 'Основная воронка', new_name: 'Продажи' }],
      removed_stages: [{ pipeline_id: crm.pipelineId, stage_id: crm.stages.ready, had_instruction: true }],
      removed_pipelines: [{ pipeline_id: extra.pipelineId, pipeline_name: 'Ремонт' }],
      removed_fields: [
        { entity_type: 'deal', code: 'warranty', where: 'crm_access.read_deal_fields.1' },
        { entity_type: 'deal', code: 'warranty', where: 'update_rules.0.field_id' },
      ],
    });
    expect(res.body.pipelines[0]).toMatchObject({
      pipeline_name: 'Продажи',
      stages: [crm.stages.new],
      stage_instructions: { [crm.stages.new]: 'Поздоровайтесь' },
    });
    expect(res.body.pipelines[1]).toMatchObject({ pipeline_id: extra.pipelineId, pipeline_name: 'Ремонт' });
    expect(res.body.warnings.map((w: { kind: string }) => w.kind)).toEqual(['missing_pipeline', 'missing_field', 'missing_field']);

    const agent = (await call('GET', base)).body.agent;
    expect(agent.pipelines).toEqual(res.body.pipelines);
    expect(agent.warnings).toEqual(res.body.warnings);
    const [audit] = (await auditRows(db, A.workspaceId, 'sync_agent_crm')).filter((r) => r.entity_id === agentId);
    expect(audit.new_values.changes.removed_stages).toHaveLength(1);

    // A second sync finds nothing left to change but still reports what is missing.
    const again = await call('POST', `${base}/sync-crm`);
    expect(again.body.changes.renamed).toEqual([]);
    expect(again.body.changes.removed_stages).toEqual([]);
    expect(again.body.changes.removed_pipelines).toHaveLength(1);
  });

  it('the owner clears the warnings by saving the settings without the missing references', async () => {
    const agent = (await call('GET', base)).body.agent;
    expect((await call('PUT', `${base}/pipelines`, { pipelines: [agent.pipelines[0]].map(({ id: _i, created_at: _c, updated_at: _u, ...p }) => p) })).status).toBe(200);
    expect((await call('PUT', `${base}/crm-access`, { read_deal_fields: ['price'], read_contact_fields: ['phone'] })).status).toBe(200);
    expect((await call('DELETE', `${base}/update-rules/${agent.update_rules[0].id}`)).status).toBe(204);
    expect((await call('GET', base)).body.agent.warnings).toEqual([]);
  });
});
