// The built-in CRM adapter passes the adapter contract as a member and as the agent runtime
// (the system actor with the table rights of its migration), and writes the timeline and the
// audit log with the right source.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { systemActor, type MemberActor, type WorkspaceActor } from '@/lib/db/actor';
import { builtinCrm } from '@/lib/crm/builtin/builtin-crm';
import { crmFor } from '@/lib/crm/get-crm';
import { listTasks } from '@/lib/crm/tasks/list-tasks';
import { listNotes } from '@/lib/crm/notes/list-notes';
import { addMember, disableRateLimits, type TestUser } from './agents-fixtures';
import { describeCrmAdapterContract, type CrmContractSetup } from './crm-adapter-contract';

let db: Database;
let owner: TestUser;
let member: MemberActor;
let viewer: MemberActor;
let foreignStageId: string;

// One workspace for the whole file, prepared once (both runs of the contract share it).
let prepared: Promise<void> | undefined;
function prepare(): Promise<void> {
  prepared ??= (async () => {
    disableRateLimits();
    db = await setupTestDatabase();
    owner = await registerUser({ company_name: 'Repair KZ' });
    const m = await addMember(db, owner, 'member');
    const v = await addMember(db, owner, 'viewer');
    member = { kind: 'user', userId: m.userId, workspaceId: owner.workspaceId, role: 'member' };
    viewer = { kind: 'user', userId: v.userId, workspaceId: owner.workspaceId, role: 'viewer' };
    await db.query(
      `insert into crm_fields (workspace_id, entity_type, code, name, field_type) values
        ($1, 'deal', 'screen_size', 'Диагональ', 'number'), ($1, 'contact', 'address', 'Адрес', 'text')`,
      [owner.workspaceId],
    );
    const [p] = await db.query<{ id: string }>(`insert into pipelines (workspace_id, name, order_index) values ($1, 'Продажа б/у', 1) returning id`, [owner.workspaceId]);
    const [st] = await db.query<{ id: string }>(
      `insert into pipeline_stages (workspace_id, pipeline_id, code, name, order_index) values ($1, $2, 'lead', 'Лид', 0) returning id`,
      [owner.workspaceId, p.id],
    );
    foreignStageId = st.id;
  })();
  return prepared;
}

async function setupFor(actor: () => WorkspaceActor): Promise<CrmContractSetup> {
  await prepare();
  return {
    adapter: builtinCrm(actor()),
    dealNumberField: 'screen_size',
    contactTextField: 'address',
    foreignStageId,
    responsibleUserId: member.userId,
    tasksOf: async (dealId) => (await listTasks(member, { conversation_id: dealId, limit: 50 })).data,
    notesOf: async (dealId) => (await listNotes(member, { conversation_id: dealId, limit: 50 })).data,
  };
}

beforeAll(prepare);
afterAll(teardownTestDatabase);

describeCrmAdapterContract('built-in, as a member', () => setupFor(() => member));
describeCrmAdapterContract('built-in, as the agent runtime', () => setupFor(() => systemActor('agent-runtime', owner.workspaceId)));

describe('built-in adapter specifics', () => {
  const runtime = () => systemActor('agent-runtime', owner.workspaceId);

  it('crmFor gives the built-in adapter', () => {
    expect(crmFor(member).kind).toBe('builtin');
  });

  it("the agent's changes are on the timeline with source agent, a member's with source user and their name", async () => {
    const { deal } = await crmFor(runtime()).findOrCreateByChannel({ channel_type: 'vk', external_id: `vk-${crypto.randomUUID()}`, name: 'Олег' });
    await crmFor(runtime()).updateFields('deal', deal.id, { device: 'Samsung S23', price: 9000 }, { overwrite: false });
    await crmFor(member).updateFields('deal', deal.id, { price: 9500 }, { overwrite: true });
    const pipelines = await crmFor(runtime()).listPipelines();
    const quoted = pipelines.find((p) => p.is_default)!.stages.find((s) => s.code === 'quoted')!;
    await crmFor(runtime()).changeStage(deal.id, quoted.id);

    const res = await api('GET', '/api/events', { token: owner.token, query: { dialog_id: deal.id } });
    expect(res.status).toBe(200);
    const byType = (t: string) => res.body.data.filter((e: { type: string }) => e.type === t);
    expect(byType('dialog_created')[0]).toMatchObject({ source: 'agent', actor: null });
    expect(byType('context_updated')[0]).toMatchObject({ source: 'agent', payload: { field: 'device', old_value: null, new_value: 'Samsung S23' } });
    const prices = byType('price_changed').map((e: any) => [e.source, e.payload.new_value, e.actor?.id ?? null]);
    expect(prices).toEqual(expect.arrayContaining([['agent', 9000, null], ['user', 9500, member.userId]]));
    expect(byType('stage_changed')[0]).toMatchObject({ source: 'agent', payload: { old_stage: 'new', new_stage: 'quoted', new_stage_id: quoted.id, price: 9500 } });

    const audit = await db.query<{ actor: string; new_values: any }>(
      `select actor, new_values from audit_log where workspace_id = $1 and entity_id = $2 and action = 'update_conversation' order by created_at`,
      [owner.workspaceId, deal.id],
    );
    expect(audit.map((a) => a.actor)).toEqual(expect.arrayContaining(['system:agent-runtime', 'user']));
  });

  it('the same phone reached on a new channel is the same client, and the channel id stays with that one client', async () => {
    const phone = `+7701${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const tg = await crmFor(runtime()).findOrCreateByChannel({ channel_type: 'telegram', external_id: `tg-${crypto.randomUUID()}`, name: 'Дина', phone });
    expect(tg.created).toBe(true);
    const wa = await crmFor(runtime()).findOrCreateByChannel({ channel_type: 'whatsapp', external_id: phone.slice(1), phone: `8${phone.slice(2)}` });
    expect(wa).toMatchObject({ created: false, client: { id: tg.client.id }, deal: { id: tg.deal.id } });
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from client_channels where client_id = $1`, [tg.client.id]);
    expect(n).toBe(2);
  });

  it('a client whose only deal is won gets a new deal on the next contact', async () => {
    const identity = { channel_type: 'avito' as const, external_id: `av-${crypto.randomUUID()}` };
    const first = await crmFor(runtime()).findOrCreateByChannel(identity);
    const won = (await crmFor(runtime()).listPipelines()).find((p) => p.is_default)!.stages.find((s) => s.kind === 'won')!;
    await crmFor(runtime()).changeStage(first.deal.id, won.id);
    const next = await crmFor(runtime()).findOrCreateByChannel(identity);
    expect(next.client.id).toBe(first.client.id);
    expect(next.deal.id).not.toBe(first.deal.id);
    expect(next.created).toBe(false);
  });

  it('a viewer reads through the adapter but cannot write', async () => {
    expect((await crmFor(viewer).listPipelines()).length).toBeGreaterThan(0);
    await expect(crmFor(viewer).findOrCreateByChannel({ channel_type: 'telegram', external_id: 'v-1' })).rejects.toMatchObject({ status: 403 });
    await expect(crmFor(viewer).addNote({ text: 'x', client_id: crypto.randomUUID() })).rejects.toMatchObject({ status: 403 });
  });

  it('bad identities are a 400, not a crash', async () => {
    await expect(crmFor(member).findOrCreateByChannel({ channel_type: 'fax' as never, external_id: '1' })).rejects.toMatchObject({ status: 400 });
    await expect(crmFor(member).findOrCreateByChannel({ channel_type: 'telegram', external_id: '   ' })).rejects.toMatchObject({ status: 400 });
  });

  it("a task for someone outside the workspace is refused naming responsible_user_id", async () => {
    const stranger = await registerUser();
    const { deal } = await crmFor(runtime()).findOrCreateByChannel({ channel_type: 'telegram', external_id: `tg-${crypto.randomUUID()}` });
    const err = await crmFor(runtime()).createTask({ text: 'x', conversation_id: deal.id, responsible_user_id: stranger.userId }).catch((e) => e);
    expect(err).toMatchObject({ status: 400, details: { fields: [{ field: 'responsible_user_id' }] } });
  });
});
