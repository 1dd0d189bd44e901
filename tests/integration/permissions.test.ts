// What each role may do, through the real endpoints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { captureLogs } from '../helpers/logs';
import { ROLE_PERMISSIONS, can, canAssignRole, type Role } from '@/lib/auth/permissions';

type User = Awaited<ReturnType<typeof registerUser>>;
let owner: User;
const members: Record<Exclude<Role, 'owner'>, User> = {} as never;
const membershipIds: Record<string, string> = {};

async function join(role: Role): Promise<User> {
  const u = await registerUser();
  const logs = captureLogs();
  const inv = await api('POST', '/api/team/invitations', { token: owner.token, body: { email: u.email, role } });
  logs.stop();
  expect(inv.status).toBe(201);
  const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(logs.lines.find((l) => l.mail?.to === u.email).mail.text)![1];
  const acc = await api('POST', '/api/invitations/accept', { token: u.token, body: { token } });
  expect(acc.status).toBe(200);
  expect(acc.body.membership).toMatchObject({ workspace_id: owner.workspaceId, role });
  return u;
}

beforeAll(async () => {
  await setupTestDatabase();
  owner = await registerUser({ company_name: 'Roles Inc' });
  members.admin = await join('admin');
  members.member = await join('member');
  members.viewer = await join('viewer');
  const team = await api('GET', '/api/team', { token: owner.token });
  for (const m of team.body.members) membershipIds[m.user_id] = m.id;
});
afterAll(teardownTestDatabase);

const tenant = () => ({ 'x-tenant-id': owner.workspaceId });

describe('the permission table', () => {
  it('owner can do everything, admin all but billing, member edits agents, viewer only reads', () => {
    expect([...ROLE_PERMISSIONS.owner].length).toBeGreaterThan([...ROLE_PERMISSIONS.admin].length);
    expect(can('admin', 'billing.write')).toBe(false);
    expect(can('admin', 'team.manage')).toBe(true);
    expect(can('member', 'agents.write')).toBe(true);
    expect(can('member', 'team.manage')).toBe(false);
    expect(can('viewer', 'agents.write')).toBe(false);
    expect(can('viewer', 'agents.read')).toBe(true);
    expect([...ROLE_PERMISSIONS.viewer].every((p) => p.endsWith('.read'))).toBe(true);
    expect(canAssignRole('admin', 'owner')).toBe(false);
    expect(canAssignRole('owner', 'owner')).toBe(true);
  });
});

describe('through the API', () => {
  it('invited members act in the inviting workspace after accepting', async () => {
    const r = await api('GET', '/api/workspaces', { token: members.viewer.token });
    expect(r.body.workspaces.map((w: { id: string }) => w.id)).toContain(owner.workspaceId);
    const current = r.body.workspaces.find((w: { current: boolean }) => w.current);
    expect(current.id).toBe(owner.workspaceId);
  });

  it.each([
    ['owner', 201],
    ['admin', 201],
    ['member', 403],
    ['viewer', 403],
  ] as const)('%s inviting a member gets %i', async (role, status) => {
    const u = role === 'owner' ? owner : members[role];
    const r = await api('POST', '/api/team/invitations', {
      token: u.token,
      headers: tenant(),
      body: { email: `invitee-by-${role}@example.com`, role: 'member' },
    });
    expect(r.status).toBe(status);
    if (status === 403) expect(r.body.error.code).toBe('forbidden');
  });

  it('an admin cannot invite or create an owner', async () => {
    const r = await api('POST', '/api/team/invitations', { token: members.admin.token, headers: tenant(), body: { email: 'boss@example.com', role: 'owner' } });
    expect(r.status).toBe(403);
    const p = await api('PATCH', `/api/team/members/${membershipIds[members.member.userId]}`, {
      token: members.admin.token,
      headers: tenant(),
      body: { role: 'owner' },
    });
    expect(p.status).toBe(403);
  });

  it.each([
    ['owner', 200],
    ['admin', 200],
    ['member', 403],
    ['viewer', 403],
  ] as const)('%s changing agent-management settings gets %i', async (role, status) => {
    const u = role === 'owner' ? owner : members[role];
    const r = await api('PATCH', '/api/user/settings', { token: u.token, headers: tenant(), body: { stop_on_human_reply: true, auto_resume_after: 2, auto_resume_unit: 'часов' } });
    expect(r.status).toBe(status);
    if (status === 200) expect(r.body.user).toMatchObject({ stop_on_human_reply: true, auto_resume_after: 2, auto_resume_unit: 'часов' });
  });

  it.each(['owner', 'admin', 'member', 'viewer'] as const)('%s may change their own theme and locale', async (role) => {
    const u = role === 'owner' ? owner : members[role];
    const r = await api('PATCH', '/api/user/settings', { token: u.token, headers: tenant(), body: { theme: 'dark', locale: 'en' } });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ theme: 'dark', locale: 'en' });
  });

  it.each([
    ['owner', 200],
    ['admin', 200],
    ['member', 403],
    ['viewer', 403],
  ] as const)('%s reading the audit log gets %i', async (role, status) => {
    const u = role === 'owner' ? owner : members[role];
    expect((await api('GET', '/api/audit-log', { token: u.token, headers: tenant() })).status).toBe(status);
  });

  it('everyone can read the team; only managers see pending invitations', async () => {
    for (const u of [owner, members.admin, members.member, members.viewer]) {
      const r = await api('GET', '/api/team', { token: u.token, headers: tenant() });
      expect(r.status).toBe(200);
      expect(r.body.members).toHaveLength(4);
      if (u === members.member || u === members.viewer) expect(r.body.invitations).toEqual([]);
      else expect(r.body.invitations.length).toBeGreaterThan(0);
    }
  });

  it('changes roles, keeps at least one owner, and removes members', async () => {
    const ownerMs = membershipIds[owner.userId];
    const demote = await api('PATCH', `/api/team/members/${ownerMs}`, { token: owner.token, headers: tenant(), body: { role: 'admin' } });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('last_owner');
    const up = await api('PATCH', `/api/team/members/${membershipIds[members.viewer.userId]}`, {
      token: members.admin.token,
      headers: tenant(),
      body: { role: 'member' },
    });
    expect(up.status).toBe(200);
    expect(up.body.member.role).toBe('member');
    const bad = await api('PATCH', `/api/team/members/${membershipIds[members.viewer.userId]}`, {
      token: owner.token,
      headers: tenant(),
      body: { role: 'superuser' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('role');
    const rm = await api('DELETE', `/api/team/members/${membershipIds[members.viewer.userId]}`, { token: members.admin.token, headers: tenant() });
    expect(rm.status).toBe(204);
    const gone = await api('GET', '/api/team', { token: members.viewer.token, headers: tenant() });
    expect(gone.status).toBe(403);
    const audit = await api('GET', '/api/audit-log', { token: owner.token, headers: tenant(), query: { action: 'remove_member' } });
    expect(audit.body.entries[0]).toMatchObject({ action: 'remove_member', entity_type: 'membership', user: { id: members.admin.userId } });
    expect(audit.body.entries[0].old_values).toMatchObject({ user_id: members.viewer.userId });
  });

  it('an invitation works only for the invited email and only once', async () => {
    const stranger = await registerUser();
    const logs = captureLogs();
    await api('POST', '/api/team/invitations', { token: owner.token, headers: tenant(), body: { email: 'someone-else@example.com', role: 'viewer' } });
    logs.stop();
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(logs.lines.find((l) => l.mail?.to === 'someone-else@example.com').mail.text)![1];
    const wrong = await api('POST', '/api/invitations/accept', { token: stranger.token, body: { token } });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('invitation_email_mismatch');
    const invalid = await api('POST', '/api/invitations/accept', { token: stranger.token, body: { token: 'x'.repeat(43) } });
    expect(invalid.status).toBe(404);
  });

  it('a user in two workspaces switches between them', async () => {
    const m = members.member;
    const list = await api('GET', '/api/workspaces', { token: m.token });
    expect(list.body.workspaces).toHaveLength(2);
    const sw = await api('POST', '/api/workspaces/switch', { token: m.token, body: { workspace_id: m.workspaceId } });
    expect(sw.status).toBe(200);
    const me = await api('GET', '/api/user/profile', { token: m.token });
    expect(me.body.user.workspace).toMatchObject({ id: m.workspaceId, role: 'owner' });
    const back = await api('POST', '/api/workspaces/switch', { token: m.token, body: { workspace_id: owner.workspaceId } });
    expect(back.status).toBe(200);
    expect((await api('GET', '/api/user/profile', { token: m.token })).body.user.workspace).toMatchObject({ id: owner.workspaceId, role: 'member' });
  });
});
