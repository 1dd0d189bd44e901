// Dead letters are visible: GET /api/jobs/dead lists the workspace's dead due work and
// events for admins only, never another workspace's; readiness counts them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestDatabase, teardownTestDatabase } from '@/tests/helpers/db';
import { captureLogs } from '@/tests/helpers/logs';
import { api, registerUser } from '@/tests/helpers/api';
import { withActor } from '@/lib/db/actor';
import type { Database } from '@/lib/db/client';
import { onDueWork } from '@/lib/jobs/due-work/handlers';
import { scheduleDueWork } from '@/lib/jobs/due-work/schedule-due-work';
import { runDueWork } from '@/lib/jobs/due-work/run-due-work';
import { relayOutbox } from '@/lib/jobs/relay-outbox';

let db: Database;
let owner: Awaited<ReturnType<typeof registerUser>>;
let other: Awaited<ReturnType<typeof registerUser>>;
let member: Awaited<ReturnType<typeof registerUser>>;

beforeAll(async () => {
  db = await setupTestDatabase();
  owner = await registerUser();
  other = await registerUser();
  member = await registerUser();
  await db.query(`insert into memberships (workspace_id, user_id, role) values ($1, $2, 'member')`, [owner.workspaceId, member.userId]);
  onDueWork('test.broken', async () => {
    throw new Error('smtp refused');
  });
  const logs = captureLogs();
  try {
    for (const ws of [owner.workspaceId, other.workspaceId]) {
      await withActor({ kind: 'system', name: 'agent-runtime', workspaceId: ws }, (tx) =>
        scheduleDueWork(tx, { workspaceId: ws, kind: 'test.broken', subject: `mail:${ws}`, dueAt: new Date(Date.now() - 1000), maxAttempts: 1 }),
      );
      await db.query(`insert into event_outbox (workspace_id, name, data) values ($1, 'kb/nonsense', '{}')`, [ws]);
    }
    expect(await runDueWork()).toMatchObject({ dead: 2 });
    expect(await relayOutbox()).toMatchObject({ dead: 2 });
  } finally {
    logs.stop();
  }
});
afterAll(teardownTestDatabase);

describe('GET /api/jobs/dead', () => {
  it('lists the workspace’s dead due work and events to its owner', async () => {
    const res = await api('GET', '/api/jobs/dead', { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body.due_work).toEqual([
      expect.objectContaining({ kind: 'test.broken', subject: `mail:${owner.workspaceId}`, attempts: 1, last_error: 'smtp refused' }),
    ]);
    expect(res.body.events).toEqual([expect.objectContaining({ name: 'kb/nonsense', attempts: 1 })]);
    expect(res.body.events[0].last_error).toMatch(/unknown event/);
  });

  it('is refused to a member (admin permission) and to anonymous callers', async () => {
    const asMember = await api('GET', '/api/jobs/dead', { token: member.token, headers: { 'x-tenant-id': owner.workspaceId } });
    expect(asMember.status).toBe(403);
    expect((await api('GET', '/api/jobs/dead')).status).toBe(401);
  });

  it('bad query answers 400 with the envelope', async () => {
    const res = await api('GET', '/api/jobs/dead', { token: owner.token, query: { limit: 'lots' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_error');
  });

  it('readiness reports the dead-letter counts', async () => {
    // Details are for monitoring (HEALTH_TOKEN) or an owner/admin; anonymous callers get the status only.
    const res = await api('GET', '/api/health/ready', { token: owner.token });
    expect(res.body.jobs).toEqual({ dead_due_work: 2, dead_events: 2 });
  });
});
