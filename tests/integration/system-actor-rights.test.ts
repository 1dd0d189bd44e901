// The wall's system actors, extended to the jobs layer and webhooks
// (supabase/migrations/20261127000900_system_actor_families.sql): name families such as
// 'webhook:*' cover their suffixed names and nothing else, each new job has exactly the
// tables it needs, secrets open only for an actor whose job covers the connection, and the
// auth role writes one kind of outbox event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { createWorkspace } from './kb-search-fixtures';
import type { Database } from '@/lib/db/client';

let db: Database;
let wsA: string;
let wsB: string;
let hookA: string;
let hookB: string;

const system = (name: string, ws: string) => ({ sub: null, role: 'authenticated', actor: 'system', system_name: name, workspace_id: ws });

/** One statement as `role` with `claims`, rolled back; the rows, or the error it raised. */
async function tryAs(role: string, claims: Record<string, unknown> | null, text: string, params: readonly unknown[] = []) {
  const client = db.pool ? await db.pool.connect() : undefined;
  const q = async (t: string, p?: unknown[]) => (client ? (await client.query(t, p)).rows : db.query(t, p)) as Record<string, unknown>[];
  await q('begin');
  try {
    await q(`select set_config('request.jwt.claims', $1, true)`, [claims ? JSON.stringify(claims) : '']);
    await q(`set local role ${role}`);
    return await q(text, [...params]);
  } catch (err) {
    return err as Error;
  } finally {
    await q('rollback');
    client?.release();
  }
}
const asSystem = (name: string, ws: string, text: string, params: readonly unknown[] = []) => tryAs('authenticated', system(name, ws), text, params);

const scheduleIn = (ws: string) => [
  `insert into due_work (workspace_id, kind, subject, due_at) values ($1, 'reply', 's', now()) returning id`,
  [ws],
] as const;

beforeAll(async () => {
  db = await setupTestDatabase();
  wsA = await createWorkspace(db, 'Rights A');
  wsB = await createWorkspace(db, 'Rights B');
  [{ id: hookA }] = await db.query<{ id: string }>(
    `insert into integrations (workspace_id, integration_type, is_active, credentials) values ($1, 'telegram', true, 'v1:sealed-a') returning id`,
    [wsA],
  );
  [{ id: hookB }] = await db.query<{ id: string }>(
    `insert into integrations (workspace_id, integration_type, is_active, credentials) values ($1, 'telegram', true, 'v1:sealed-b') returning id`,
    [wsB],
  );
});
afterAll(teardownTestDatabase);

describe('name families', () => {
  it("'webhook:*' covers every webhook:<type> actor, and no name that merely resembles it", async () => {
    for (const name of ['webhook:telegram', 'webhook:whatsapp']) {
      const r = await asSystem(name, wsA, ...scheduleIn(wsA));
      expect(r, name).toHaveLength(1);
    }
    for (const name of ['webhook:', 'webhook', 'webhooks:telegram', 'xwebhook:telegram', 'due:reply', 'event:kb/article.saved', 'made-up']) {
      const r = await asSystem(name, wsA, ...scheduleIn(wsA));
      expect(r, name).toBeInstanceOf(Error);
      expect((r as Error).message, name).toMatch(/row-level security/);
    }
  });

  it('a family actor is still bound to its own workspace', async () => {
    const r = await asSystem('webhook:telegram', wsA, ...scheduleIn(wsB));
    expect(r).toBeInstanceOf(Error);
    const seen = await asSystem(
      'webhook:telegram',
      wsA,
      'select workspace_id from due_work where workspace_id = $1 union all select workspace_id from integrations where workspace_id = $1',
      [wsB],
    );
    expect(seen).toEqual([]);
  });

  it('a rights row must name one actor or one family', async () => {
    for (const bad of ['*', 'webhook*', 'web*hook:x', 'webhook:*:*', 'Webhook:x', '']) {
      await expect(
        db.query(`insert into app.system_actor_rights (system_name, table_name, access) values ($1, 'kb_chunks', 'read')`, [bad]),
        bad,
      ).rejects.toThrow();
    }
  });
});

describe('the rights of each job', () => {
  it("the dead-letter actor 'jobs' writes a notification, and nothing else", async () => {
    const ok = await asSystem('jobs', wsA, `insert into notifications (workspace_id, type, title) values ($1, 'job_dead_letter', 'x') returning id`, [wsA]);
    expect(ok).toHaveLength(1);
    const audit = await asSystem('jobs', wsA, `insert into audit_log (workspace_id, action, entity_type) values ($1, 'forged', 'x') returning id`, [wsA]);
    expect(audit).toBeInstanceOf(Error);
    await db.query(`insert into kb_articles (workspace_id, title, content) values ($1, 't', 'c')`, [wsA]);
    expect(await asSystem('jobs', wsA, 'select id from kb_articles')).toEqual([]);
    expect(await asSystem('jobs', wsA, 'select id from due_work')).toEqual([]);
  });

  it('a webhook actor re-seals its own connection, never another workspace’s, and never creates or deletes one', async () => {
    const own = await asSystem('webhook:telegram', wsA, `update integrations set credentials = 'v1:resealed' where id = $1 returning id`, [hookA]);
    expect(own).toEqual([{ id: hookA }]);
    const other = await asSystem('webhook:telegram', wsA, `update integrations set credentials = 'v1:x' where id = $1 returning id`, [hookB]);
    expect(other).toEqual([]);
    const created = await asSystem('webhook:telegram', wsA, `insert into integrations (workspace_id, integration_type) values ($1, 'kommo') returning id`, [wsA]);
    expect(created).toBeInstanceOf(Error);
    expect(await asSystem('webhook:telegram', wsA, 'delete from integrations returning id')).toEqual([]);
    // Another registered actor of the workspace, whose job is not connections, changes nothing.
    expect(await asSystem('kb-indexer', wsA, `update integrations set credentials = 'v1:x' where id = $1 returning id`, [hookA])).toEqual([]);
  });

  it('secrets open only for a system actor of the workspace whose job covers connections', async () => {
    const secrets = (name: string, ws: string, id: string) => asSystem(name, ws, 'select credentials from app.integration_secrets($1)', [id]);
    expect(await secrets('webhook:telegram', wsA, hookA)).toEqual([{ credentials: 'v1:sealed-a' }]);
    expect(await secrets('webhook:telegram', wsA, hookB)).toEqual([]);
    for (const name of ['kb-indexer', 'billing', 'agent-runtime', 'jobs', 'made-up']) {
      expect(await secrets(name, wsA, hookA), name).toEqual([]);
    }
  });
});

describe('the auth role and the outbox', () => {
  // No RETURNING: the auth role may insert the event but not read the queue back.
  const insert = `insert into event_outbox (workspace_id, name, data) values ($1, $2, '{"email":"a@example.com"}'::jsonb)`;

  it('writes the password-reset event without a workspace, and no other event', async () => {
    expect(await tryAs('app_auth', null, insert, [null, 'auth/password-reset.requested'])).toEqual([]);
    for (const [ws, name] of [[null, 'kb/article.saved'], [wsA, 'auth/password-reset.requested']] as const) {
      const r = await tryAs('app_auth', null, insert, [ws, name]);
      expect(r, `${ws} ${name}`).toBeInstanceOf(Error);
    }
    // It cannot mark an event sent or read the queue.
    const sent = await tryAs('app_auth', null, `insert into event_outbox (name, data, state) values ('auth/password-reset.requested', '{}', 'sent')`);
    expect(sent).toBeInstanceOf(Error);
    expect(await tryAs('app_auth', null, 'select id from event_outbox')).toBeInstanceOf(Error);
  });
});
