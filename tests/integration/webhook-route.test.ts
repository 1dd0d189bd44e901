// The webhook wrapper with a handler built here: connection id -> workspace through the
// narrow app_webhooks lookup, raw-body signature check, streaming size limit, then the
// work stored as the system actor of the right workspace and handed to the jobs layer.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { setupTestDatabase, teardownTestDatabase, asAuthenticated } from '@/tests/helpers/db';
import { createWorkspace } from '@/tests/integration/kb-search-fixtures';
import { withActor, queryRows, type Actor } from '@/lib/db/actor';
import type { Database } from '@/lib/db/client';
import { webhookRoute } from '@/lib/api/webhook-route';
import { saveIntegration } from '@/lib/integrations/secrets';
import { scheduleDueWork } from '@/lib/jobs/due-work/schedule-due-work';

let db: Database;
let wsA: string;
let wsB: string;
let hookA: string;
let hookOff: string;
let otherType: string;
const SECRET = 'whsec_0123456789abcdef';
// The actor the wrapper runs a 'test-hook' connection's requests as.
const system = (ws: string): Actor => ({ kind: 'system', name: 'webhook:test-hook', workspaceId: ws });

/** Connections are set up by a workspace admin (a system actor is never one): an owner of ws. */
async function ownerOf(ws: string): Promise<Actor> {
  const userId = crypto.randomUUID();
  await db.query(`insert into users (id, email) values ($1, $2)`, [userId, `${userId}@example.com`]);
  await db.query(`insert into memberships (workspace_id, user_id, role) values ($1, $2, 'owner')`, [ws, userId]);
  return { kind: 'user', userId, workspaceId: ws, role: 'owner' };
}

const sign = (body: string | Uint8Array, secret = SECRET) => crypto.createHmac('sha256', secret).update(body).digest('hex');

// A handler as a channel would write it: verify the HMAC of the raw body, store what
// arrived, schedule the reply for the jobs layer, answer at once.
const handler = webhookRoute<{ connectionId: string }>(
  async (ctx, tx) => {
    const update = ctx.json() as { update_id: number; text: string };
    await tx.execute(sql`insert into audit_log (workspace_id, actor, action, entity_type, entity_id, new_values)
      values (${ctx.workspaceId}::uuid, ${ctx.actor.name}, 'webhook_received', 'integration', ${ctx.connection.id},
              ${JSON.stringify({ text: update.text, claimed_workspace: (update as Record<string, unknown>).workspace_id ?? null })}::jsonb)`);
    await scheduleDueWork(tx, {
      workspaceId: ctx.workspaceId,
      kind: 'test.reply',
      subject: `update:${update.update_id}`,
      dueAt: new Date(Date.now() + 5000),
    });
    return { ok: true };
  },
  {
    types: ['test-hook'],
    maxBytes: 1024,
    floodLimitPerMin: 20,
    verify: ({ rawBody, headers, secrets }) => {
      const given = Buffer.from(headers.get('x-test-signature') ?? '', 'hex');
      const expected = Buffer.from(sign(rawBody, secrets.credentials.webhook_secret ?? ''), 'hex');
      return given.length === expected.length && crypto.timingSafeEqual(given, expected);
    },
  },
);

function call(connectionId: string, body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  const req = new NextRequest(`http://localhost/api/webhooks/test/${connectionId}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
  } as ConstructorParameters<typeof NextRequest>[1]);
  return handler(req, { params: Promise.resolve({ connectionId }) });
}

const stored = async () => ({
  audit: await db.query<{ workspace_id: string; actor: string; new_values: Record<string, unknown> }>(
    `select workspace_id, actor, new_values from audit_log where action = 'webhook_received'`,
  ),
  due: await db.query<{ workspace_id: string; subject: string }>(`select workspace_id, subject from due_work where kind = 'test.reply'`),
});

beforeAll(async () => {
  db = await setupTestDatabase();
  wsA = await createWorkspace(db, 'Hook A');
  wsB = await createWorkspace(db, 'Hook B');
  const [adminA, adminB] = [await ownerOf(wsA), await ownerOf(wsB)];
  hookA = (await withActor(adminA, (tx) =>
    saveIntegration(tx, { workspaceId: wsA, type: 'test-hook', isActive: true, credentials: { webhook_secret: SECRET } }),
  )).id;
  hookOff = (await withActor(adminB, (tx) =>
    saveIntegration(tx, { workspaceId: wsB, type: 'test-hook', isActive: false, credentials: { webhook_secret: SECRET } }),
  )).id;
  otherType = (await withActor(adminB, (tx) =>
    saveIntegration(tx, { workspaceId: wsB, type: 'other-hook', isActive: true, credentials: { webhook_secret: SECRET } }),
  )).id;
});
afterAll(teardownTestDatabase);

describe('webhookRoute', () => {
  const body = JSON.stringify({ update_id: 1, text: 'Здравствуйте', workspace_id: 'forged' });

  it('answers 404 for an unknown, malformed or other-type connection id', async () => {
    for (const id of [crypto.randomUUID(), 'not-a-uuid', otherType]) {
      const res = await call(id, body, { 'x-test-signature': sign(body) });
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
  });

  it('answers 410 for a switched-off connection', async () => {
    const res = await call(hookOff, body, { 'x-test-signature': sign(body) });
    expect(res.status).toBe(410);
    expect((await res.json()).error.code).toBe('connection_inactive');
  });

  it('refuses a wrong or missing signature with 401 and stores nothing', async () => {
    const attempts: Record<string, string>[] = [{ 'x-test-signature': sign(body, 'guessed') }, {}, { 'x-test-signature': sign(`${body} `) }];
    for (const headers of attempts) {
      const res = await call(hookA, body, headers);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('invalid_signature');
    }
    expect(await stored()).toEqual({ audit: [], due: [] });
  });

  it('refuses an oversized body with 413, with or without Content-Length', async () => {
    const big = JSON.stringify({ update_id: 2, text: 'x'.repeat(2000) });
    const declared = await call(hookA, big, { 'x-test-signature': sign(big) });
    expect(declared.status).toBe(413);
    // Streamed without Content-Length: cut off once the limit is passed.
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 100) return controller.close();
        controller.enqueue(new Uint8Array(512).fill(0x61));
      },
    });
    const streamed = await call(hookA, stream, { 'x-test-signature': sign(big) });
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error.code).toBe('payload_too_large');
    expect(pulled).toBeLessThan(10);
    expect((await stored()).audit).toHaveLength(0);
  });

  it('stores the update as the system actor of the connection’s workspace and schedules the work', async () => {
    const res = await call(hookA, body, { 'x-test-signature': sign(body) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    const { audit, due } = await stored();
    expect(audit).toEqual([
      { workspace_id: wsA, actor: 'webhook:test-hook', new_values: { text: 'Здравствуйте', claimed_workspace: 'forged' } },
    ]);
    expect(due).toEqual([{ workspace_id: wsA, subject: 'update:1' }]);
  });

  it('limits a flood per connection', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await call(hookA, '{}', { 'x-test-signature': 'bad' })).status);
    // 20 a minute: the earlier tests' calls count too; what passes the limit is still verified.
    expect(statuses[0]).toBe(401);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s !== 429).every((s) => s === 401)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(20);
  });
});

describe('the privileged lookup and the secrets stay narrow', () => {
  it('only app_webhooks may run app.webhook_connection; PUBLIC and members may not', async () => {
    const [row] = await db.query<Record<string, boolean>>(
      `select has_function_privilege('app_webhooks', 'app.webhook_connection(uuid)', 'execute') as hooks,
              has_function_privilege('authenticated', 'app.webhook_connection(uuid)', 'execute') as members,
              has_function_privilege('anon', 'app.webhook_connection(uuid)', 'execute') as anon,
              has_function_privilege('anon', 'app.integration_secrets(uuid)', 'execute') as anon_secrets,
              has_table_privilege('app_webhooks', 'public.integrations', 'select') as hooks_table`,
    );
    expect(row).toEqual({ hooks: true, members: false, anon: false, anon_secrets: false, hooks_table: false });
  });

  it('secrets are ciphertext at rest, unreadable by members, and opened only by a system actor of the workspace', async () => {
    const [raw] = await db.query<{ credentials: string }>('select credentials from integrations where id = $1', [hookA]);
    expect(raw.credentials).toMatch(/^v1:/);
    expect(raw.credentials).not.toContain(SECRET);
    const userId = crypto.randomUUID();
    await db.query(`insert into users (id, email) values ($1, $2)`, [userId, `${userId}@example.com`]);
    await db.query(`insert into memberships (workspace_id, user_id, role) values ($1, $2, 'owner')`, [wsA, userId]);
    const owner = { sub: userId, role: 'authenticated', actor: 'user', workspace_id: wsA };
    await asAuthenticated(db, owner, async (q) => {
      expect(await q('select id, integration_type, is_active from integrations')).toHaveLength(1);
      expect(await q('select * from app.integration_secrets($1)', [hookA])).toEqual([]);
      await expect(q('select credentials from integrations')).rejects.toThrow(/permission denied/);
    });
    // Another workspace's system actor gets nothing either.
    const foreign = await withActor(system(wsB), (tx) =>
      queryRows(tx, sql`select * from app.integration_secrets(${hookA}::uuid)`),
    );
    expect(foreign).toEqual([]);
  });

  it('after a key rotation secrets still open and are re-sealed with the current key on first use', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { resetEnvCache } = await import('@/lib/env');
    const { readIntegrationSecrets } = await import('@/lib/integrations/secrets');
    const oldKey = fs.readFileSync(path.resolve(process.env.DATA_DIR!, 'encryption-key'), 'utf8').trim();
    const newKey = crypto.randomBytes(32).toString('base64');
    const kidOf = async () => (await db.query<{ credentials: string }>('select credentials from integrations where id = $1', [hookA]))[0].credentials.split(':')[1];
    const before = await kidOf();
    process.env.ENCRYPTION_KEY = newKey;
    process.env.ENCRYPTION_KEYS_OLD = oldKey;
    resetEnvCache();
    try {
      const secrets = await withActor(system(wsA), (tx) => readIntegrationSecrets(tx, system(wsA), hookA));
      expect(secrets?.credentials.webhook_secret).toBe(SECRET);
      expect(await kidOf()).not.toBe(before);
      // The old key can now go: the value opens with the new key alone.
      delete process.env.ENCRYPTION_KEYS_OLD;
      resetEnvCache();
      const again = await withActor(system(wsA), (tx) => readIntegrationSecrets(tx, system(wsA), hookA));
      expect(again?.credentials.webhook_secret).toBe(SECRET);
    } finally {
      delete process.env.ENCRYPTION_KEY;
      delete process.env.ENCRYPTION_KEYS_OLD;
      resetEnvCache();
    }
  });
});
