// Tenant isolation: through the API and through SQL under the authenticated role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { asAuthenticated, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';

let db: Database;
let A: Awaited<ReturnType<typeof registerUser>>;
let B: Awaited<ReturnType<typeof registerUser>>;
let aInvitationId: string;
let aOwnerMembershipId: string;

beforeAll(async () => {
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'A Repairs' });
  B = await registerUser({ company_name: 'B Builders' });
  const inv = await api('POST', '/api/team/invitations', { token: A.token, body: { email: 'helper@a.example', role: 'member' } });
  expect(inv.status).toBe(201);
  aInvitationId = inv.body.invitation.id;
  const team = await api('GET', '/api/team', { token: A.token });
  aOwnerMembershipId = team.body.members[0].id;
  await db.query(
    `insert into notifications (workspace_id, user_id, type, title) values ($1, $2, 'agent_error', 'A only')`,
    [A.workspaceId, A.userId],
  );
  await db.query(`insert into usage_statistics (workspace_id, date, messages_sent) values ($1, current_date, 5)`, [A.workspaceId]);
});
afterAll(teardownTestDatabase);

describe('through the API', () => {
  it("B sees only B's team", async () => {
    const team = await api('GET', '/api/team', { token: B.token });
    expect(team.status).toBe(200);
    expect(team.body.members.map((m: { user_id: string }) => m.user_id)).toEqual([B.userId]);
    expect(team.body.invitations).toEqual([]);
  });

  it("B gets 404 for A's member and invitation and cannot change or delete them", async () => {
    const patch = await api('PATCH', `/api/team/members/${aOwnerMembershipId}`, { token: B.token, body: { role: 'viewer' } });
    expect(patch.status).toBe(404);
    const del = await api('DELETE', `/api/team/members/${aOwnerMembershipId}`, { token: B.token });
    expect(del.status).toBe(404);
    const delInv = await api('DELETE', `/api/team/invitations/${aInvitationId}`, { token: B.token });
    expect(delInv.status).toBe(404);
    const [m] = await db.query<{ role: string }>('select role from memberships where id = $1', [aOwnerMembershipId]);
    expect(m.role).toBe('owner');
    const [inv] = await db.query('select id from invitations where id = $1', [aInvitationId]);
    expect(inv).toBeTruthy();
  });

  it("B cannot pick A's workspace with X-Tenant-ID (403) and a malformed one is a 400", async () => {
    const r = await api('GET', '/api/team', { token: B.token, headers: { 'x-tenant-id': A.workspaceId } });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('not_a_member');
    const bad = await api('GET', '/api/team', { token: B.token, headers: { 'x-tenant-id': 'nope' } });
    expect(bad.status).toBe(400);
    const sw = await api('POST', '/api/workspaces/switch', { token: B.token, body: { workspace_id: A.workspaceId } });
    expect(sw.status).toBe(403);
  });

  it("B's audit log has none of A's entries", async () => {
    const r = await api('GET', '/api/audit-log', { token: B.token });
    expect(r.status).toBe(200);
    expect(r.body.entries.length).toBeGreaterThan(0);
    expect(r.body.entries.every((e: { user: { id: string } | null }) => e.user?.id === B.userId)).toBe(true);
  });
});

describe('through SQL as the authenticated role with B claims', () => {
  const claimsB = () => ({ sub: B.userId, role: 'authenticated', workspace_id: B.workspaceId });
  const tables = ['workspaces', 'memberships', 'invitations', 'audit_log', 'notifications', 'usage_statistics'];

  it.each(tables)("A's rows in %s are invisible", async (table) => {
    const col = table === 'workspaces' ? 'id' : 'workspace_id';
    const [{ n: total }] = await db.query<{ n: number }>(`select count(*)::int as n from ${table} where ${col} = $1`, [A.workspaceId]);
    expect(total, `the superuser sees A's ${table}`).toBeGreaterThan(0);
    const visible = await asAuthenticated(db, claimsB(), (q) => q(`select * from ${table} where ${col} = $1`, [A.workspaceId]));
    expect(visible).toEqual([]);
  });

  it("A's users are invisible to B, B sees itself", async () => {
    const rows = await asAuthenticated(db, claimsB(), (q) => q('select id from users'));
    expect(rows.map((r) => r.id)).toEqual([B.userId]);
  });

  it.each([
    ['memberships', `insert into memberships (workspace_id, user_id, role) values ($1, $2, 'owner')`],
    ['invitations', `insert into invitations (workspace_id, email, role, token_hash, expires_at) values ($1, 'x@y.z', 'admin', md5($2::text), now() + interval '1 day')`],
    ['notifications', `insert into notifications (workspace_id, user_id, type, title) values ($1, $2, 't', 'x')`],
    ['audit_log', `insert into audit_log (workspace_id, user_id, action, entity_type) values ($1, $2, 'x', 'y')`],
    ['usage_statistics', `insert into usage_statistics (workspace_id, date, messages_sent) select $1, current_date + 1, length($2::text)`],
  ])("an INSERT into %s carrying A's workspace_id is refused", async (_table, statement) => {
    await expect(
      asAuthenticated(db, claimsB(), (q) => q(statement, [A.workspaceId, B.userId])),
    ).rejects.toThrow(/row-level security|permission denied/);
  });

  it('a member cannot forge audit rows under someone else or under no one', async () => {
    const claimsA = { sub: A.userId, role: 'authenticated', workspace_id: A.workspaceId };
    for (const userId of [B.userId, null]) {
      await expect(
        asAuthenticated(db, claimsA, (q) =>
          q(`insert into audit_log (workspace_id, user_id, action, entity_type) values ($1, $2, 'forged', 'x')`, [A.workspaceId, userId]),
        ),
      ).rejects.toThrow(/row-level security/);
    }
    const own = await asAuthenticated(db, claimsA, (q) =>
      q(`insert into audit_log (workspace_id, user_id, action, entity_type) values ($1, $2, 'ok', 'x') returning id`, [A.workspaceId, A.userId]),
    ).catch((e: Error) => e);
    // Inserting under one's own id is allowed (RETURNING needs SELECT, which only admins have: owner A does).
    expect(Array.isArray(own)).toBe(true);
  });

  it("UPDATE and DELETE of A's rows change nothing", async () => {
    const changed = await asAuthenticated(db, claimsB(), async (q) => {
      const u = await q(`update workspaces set name = 'hacked' where id = $1 returning id`, [A.workspaceId]);
      const d = await q(`delete from memberships where workspace_id = $1 returning id`, [A.workspaceId]);
      const n = await q(`update notifications set is_read = true where workspace_id = $1 returning id`, [A.workspaceId]);
      return [...u, ...d, ...n];
    });
    expect(changed).toEqual([]);
    const [w] = await db.query<{ name: string }>('select name from workspaces where id = $1', [A.workspaceId]);
    expect(w.name).toBe('A Repairs');
  });

  it('the token tables are closed to the authenticated role', async () => {
    const rows = await asAuthenticated(db, { sub: A.userId, role: 'authenticated' }, (q) =>
      q('select * from refresh_tokens'),
    ).catch((e: Error) => e);
    // Either refused outright or empty: never A's own token hashes.
    if (Array.isArray(rows)) expect(rows).toEqual([]);
    else expect(rows.message).toMatch(/permission denied/);
  });

  it('with no claims at all, nothing is visible', async () => {
    const rows = await asAuthenticated(db, {}, (q) => q('select id from workspaces'));
    expect(rows).toEqual([]);
  });
});
