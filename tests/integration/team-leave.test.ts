// Leaving a workspace, and a workspace that never loses its last owner, even
// under concurrent requests (PGlite serialises them; the TEST_DATABASE_URL lane
// runs them on a real pool).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { onRealServer, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { captureLogs } from '../helpers/logs';
import type { Database } from '@/lib/db/client';
import type { Role } from '@/lib/auth/permissions';

type User = Awaited<ReturnType<typeof registerUser>>;
let db: Database;

beforeAll(async () => {
  db = await setupTestDatabase();
});
afterAll(teardownTestDatabase);

async function join(owner: User, role: Role): Promise<User> {
  const u = await registerUser();
  const logs = captureLogs();
  const inv = await api('POST', '/api/team/invitations', {
    token: owner.token,
    headers: { 'x-tenant-id': owner.workspaceId },
    body: { email: u.email, role },
  });
  logs.stop();
  expect(inv.status).toBe(201);
  const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(logs.lines.find((l) => l.mail?.to === u.email).mail.text)![1];
  expect((await api('POST', '/api/invitations/accept', { token: u.token, body: { token } })).status).toBe(200);
  return u;
}

async function membershipId(owner: User, userId: string): Promise<string> {
  const team = await api('GET', '/api/team', { token: owner.token, headers: { 'x-tenant-id': owner.workspaceId } });
  return team.body.members.find((m: { user_id: string }) => m.user_id === userId).id;
}

async function owners(workspaceId: string): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>(
    `select count(*)::int as n from memberships where workspace_id = $1 and role = 'owner'`,
    [workspaceId],
  );
  return n;
}

describe('leaving a workspace', () => {
  it.each(['viewer', 'member', 'admin'] as const)('a %s leaves with DELETE /api/team/members/<own id>', async (role) => {
    const owner = await registerUser();
    const u = await join(owner, role);
    const tenant = { 'x-tenant-id': owner.workspaceId };
    const mine = await membershipId(owner, u.userId);
    const r = await api('DELETE', `/api/team/members/${mine}`, { token: u.token, headers: tenant });
    expect(r.status).toBe(204);
    const after = await api('GET', '/api/team', { token: u.token, headers: tenant });
    expect(after.status).toBe(403);
    expect(after.body.error.code).toBe('not_a_member');
    const audit = await api('GET', '/api/audit-log', { token: owner.token, headers: tenant, query: { action: 'leave_workspace' } });
    expect(audit.body.entries[0]).toMatchObject({ action: 'leave_workspace', user: { id: u.userId } });
  });

  it('a member still cannot remove someone else', async () => {
    const owner = await registerUser();
    const m = await join(owner, 'member');
    const v = await join(owner, 'viewer');
    const r = await api('DELETE', `/api/team/members/${await membershipId(owner, v.userId)}`, {
      token: m.token,
      headers: { 'x-tenant-id': owner.workspaceId },
    });
    expect(r.status).toBe(403);
  });

  it('the last owner cannot leave: 409 last_owner, and the workspace keeps its owner', async () => {
    const owner = await registerUser();
    const r = await api('DELETE', `/api/team/members/${await membershipId(owner, owner.userId)}`, { token: owner.token });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('last_owner');
    expect(await owners(owner.workspaceId)).toBe(1);
  });

  it('one of two owners may leave', async () => {
    const owner = await registerUser();
    const second = await join(owner, 'owner');
    const r = await api('DELETE', `/api/team/members/${await membershipId(owner, second.userId)}`, {
      token: second.token,
      headers: { 'x-tenant-id': owner.workspaceId },
    });
    expect(r.status).toBe(204);
    expect(await owners(owner.workspaceId)).toBe(1);
  });
});

describe(`the last owner under concurrent requests (${onRealServer ? 'real PostgreSQL pool' : 'PGlite'})`, () => {
  it('two owners demoting each other at once: one wins, one gets 409, one owner remains', async () => {
    for (let round = 0; round < 4; round++) {
      const a = await registerUser();
      const b = await join(a, 'owner');
      const tenant = { 'x-tenant-id': a.workspaceId };
      const [ma, mb] = [await membershipId(a, a.userId), await membershipId(a, b.userId)];
      const results = await Promise.all([
        api('PATCH', `/api/team/members/${mb}`, { token: a.token, headers: tenant, body: { role: 'admin' } }),
        api('PATCH', `/api/team/members/${ma}`, { token: b.token, headers: tenant, body: { role: 'admin' } }),
      ]);
      // The loser is refused either by the database (409: both were owners when
      // they started) or, if it started after the winner committed, by its new role (403).
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      const loser = results.find((r) => r.status !== 200)!;
      expect([403, 409]).toContain(loser.status);
      if (loser.status === 409) expect(loser.body.error.code).toBe('last_owner');
      expect(await owners(a.workspaceId)).toBe(1);
    }
  });

  it('two owners leaving at once: one leaves, the other stays owner', async () => {
    for (let round = 0; round < 4; round++) {
      const a = await registerUser();
      const b = await join(a, 'owner');
      const tenant = { 'x-tenant-id': a.workspaceId };
      const [ma, mb] = [await membershipId(a, a.userId), await membershipId(a, b.userId)];
      const results = await Promise.all([
        api('DELETE', `/api/team/members/${ma}`, { token: a.token, headers: tenant }),
        api('DELETE', `/api/team/members/${mb}`, { token: b.token, headers: tenant }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
      expect(await owners(a.workspaceId)).toBe(1);
    }
  });

  it('the database itself refuses to drop the last owner (any path, not just lib/)', async () => {
    const a = await registerUser();
    await expect(
      db.query(`update memberships set role = 'admin' where workspace_id = $1 and user_id = $2`, [a.workspaceId, a.userId]),
    ).rejects.toMatchObject({ constraint: 'memberships_keep_one_owner' });
    expect(await owners(a.workspaceId)).toBe(1);
  });
});
