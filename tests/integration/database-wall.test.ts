// The attacks the database wall stops, tried as the `authenticated` role the app runs
// requests as (and through the API where there is an endpoint).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { api, registerUser } from '../helpers/api';
import { createArticle, createCategory } from '../helpers/kb';
import { asAuthenticated, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { hashPassword } from '@/lib/auth/password';
import { withAuthService, queryRows } from '@/lib/db/actor';
import { changePlan } from '@/lib/billing/change-plan';
import { settleOutbox } from '../helpers/outbox';

let db: Database;
type U = Awaited<ReturnType<typeof registerUser>>;
let owner: U;
let admin: U;
let member: U;
let stranger: U;
let memberMembershipId: string;
let ownerMembershipId: string;
let adminMembershipId: string;

const claims = (u: U, workspaceId = owner.workspaceId) => ({ sub: u.userId, role: 'authenticated', actor: 'user', workspace_id: workspaceId });
const system = (name: string, workspaceId = owner.workspaceId) => ({ sub: null, role: 'authenticated', actor: 'system', system_name: name, workspace_id: workspaceId });

/** Like asAuthenticated, but commits: what an attacker's statement leaves behind. */
async function commitAs(claimSet: Record<string, unknown>, text: string, params: unknown[] = []) {
  const client = db.pool ? await db.pool.connect() : undefined;
  const q = async (t: string, p?: unknown[]) => (client ? (await client.query(t, p)).rows : db.query(t, p));
  await q('begin');
  try {
    await q(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claimSet)]);
    await q('set local role authenticated');
    const rows = await q(text, params);
    await q('commit');
    return rows as Record<string, unknown>[];
  } catch (err) {
    await q('rollback');
    return err as Error;
  } finally {
    client?.release();
  }
}

/** Drizzle wraps the driver's error: the reason is in its cause. */
const reason = (e: unknown) => `${(e as Error).message} ${((e as { cause?: Error }).cause?.message) ?? ''}`;

const login = (u: U, password: string) =>
  api('POST', '/api/auth/login', { body: { email: u.email, password }, headers: { 'x-forwarded-for': '10.9.9.9' } });

beforeAll(async () => {
  db = await setupTestDatabase();
  owner = await registerUser({ company_name: 'Owner Co' });
  admin = await registerUser();
  member = await registerUser();
  stranger = await registerUser({ company_name: 'Stranger Co' });
  await db.query(`insert into memberships (workspace_id, user_id, role) values ($1, $2, 'admin'), ($1, $3, 'member')`, [
    owner.workspaceId,
    admin.userId,
    member.userId,
  ]);
  const ids = await db.query<{ id: string; user_id: string }>('select id, user_id from memberships where workspace_id = $1', [owner.workspaceId]);
  memberMembershipId = ids.find((r) => r.user_id === member.userId)!.id;
  ownerMembershipId = ids.find((r) => r.user_id === owner.userId)!.id;
  adminMembershipId = ids.find((r) => r.user_id === admin.userId)!.id;
  // Some knowledge so the workspace has a search vocabulary.
  const cat = await createCategory(owner.token, { name: 'Доставка' });
  await createArticle(owner.token, {
    title: 'Доставка по городу',
    content: 'Курьер привозит заказ в течение двух дней после оплаты.',
    categories: [cat.id],
  });
});
afterAll(teardownTestDatabase);

describe('functions do not run with their owner rights for anyone who asks', () => {
  it("a stranger cannot rewrite another workspace's search vocabulary through app.kb_count_search_terms", async () => {
    const before = await db.query<{ term: string; ndoc: number }>(
      'select term, ndoc from kb_search_terms where workspace_id = $1 order by term',
      [owner.workspaceId],
    );
    expect(before.length).toBeGreaterThan(3);
    const attack = await commitAs(
      claims(stranger, stranger.workspaceId),
      `select app.kb_count_search_terms(array[$1::uuid, $1::uuid], array['курьер доставка заказ', 'поддельное слово'], -50)`,
      [owner.workspaceId],
    );
    expect(attack).toBeInstanceOf(Error);
    expect((attack as Error).message).toMatch(/permission denied/);
    const after = await db.query('select term, ndoc from kb_search_terms where workspace_id = $1 order by term', [owner.workspaceId]);
    expect(after).toEqual(before);
  });

  it('the trigger functions are not callable either, yet saving an article still counts its words', async () => {
    const r = await commitAs(claims(owner), `select app.kb_chunks_terms_update()`);
    expect((r as Error).message).toMatch(/permission denied|trigger/);
    const [n] = await db.query<{ n: number }>(`select count(*)::int as n from kb_search_terms where workspace_id = $1 and term = 'курьер'`, [owner.workspaceId]);
    expect(n.n).toBe(1);
  });
});

describe('credentials are out of reach of authenticated', () => {
  it('a user cannot rewrite their own password hash: the old password still logs in, the forged one does not', async () => {
    const forged = await hashPassword('Forged-password-123');
    const attempts = [
      await commitAs(claims(member), 'update users set password_hash = $1 where id = $2 returning id', [forged, member.userId]),
      await commitAs(claims(member), 'update user_credentials set password_hash = $1 where user_id = $2 returning user_id', [forged, member.userId]),
      await commitAs(claims(member), 'insert into user_credentials (user_id, password_hash) values ($2, $1) on conflict (user_id) do update set password_hash = excluded.password_hash returning user_id', [forged, member.userId]),
    ];
    for (const a of attempts) expect(a).toBeInstanceOf(Error);
    expect((await login(member, 'Forged-password-123')).status).toBe(401);
    expect((await login(member, member.password)).status).toBe(200);
  });

  it("co-members cannot read each other's password hashes", async () => {
    const rows = await asAuthenticated(db, claims(member), (q) => q('select * from users'));
    expect(rows.map((r) => r.id).sort()).toEqual([owner.userId, admin.userId, member.userId].sort());
    for (const row of rows) expect(Object.keys(row).filter((k) => /password_hash/.test(k))).toEqual([]);
    const creds = await asAuthenticated(db, claims(member), (q) => q('select * from user_credentials')).catch((e: Error) => e);
    expect((creds as Error).message).toMatch(/permission denied/);
    const joined = await asAuthenticated(db, claims(member), (q) =>
      q('select c.password_hash from users u join user_credentials c on c.user_id = u.id'),
    ).catch((e: Error) => e);
    expect((joined as Error).message).toMatch(/permission denied/);
  });

  it('a user cannot change their email (it decides which invitations they may accept) or void their session stamp', async () => {
    for (const set of [`email = 'victim@example.com'`, `password_changed_at = now() - interval '1 year'`]) {
      const r = await commitAs(claims(member), `update users set ${set} where id = $1 returning id`, [member.userId]);
      expect((r as Error).message).toMatch(/permission denied/);
    }
    const [u] = await db.query<{ email: string }>('select email from users where id = $1', [member.userId]);
    expect(u.email).toBe(member.email);
    // What a user may change still works.
    const ok = await api('PATCH', '/api/user/profile', { token: member.token, body: { full_name: 'Still Editable' } });
    expect(ok.status).toBe(200);
  });
});

describe('plan and quota change only through the billing path', () => {
  it('an admin (or the owner) cannot change the plan or the AI-response quota in SQL', async () => {
    for (const who of [admin, owner]) {
      for (const set of [`subscription_plan = 'max'`, 'ai_responses_limit = 1000000', 'ai_responses_used = 0', `trial_ends_at = now() + interval '10 years'`, `subscription_status = 'active'`]) {
        const r = await commitAs(claims(who), `update workspaces set ${set} where id = $1 returning id`, [owner.workspaceId]);
        expect(r, `${set} as ${who === admin ? 'admin' : 'owner'}`).toBeInstanceOf(Error);
        expect((r as Error).message).toMatch(/permission denied/);
      }
    }
    const [w] = await db.query<{ subscription_plan: string; ai_responses_limit: number }>(
      'select subscription_plan, ai_responses_limit from workspaces where id = $1',
      [owner.workspaceId],
    );
    expect(w).toEqual({ subscription_plan: 'trial', ai_responses_limit: 500 });
  });

  it('an admin cannot change the plan through the API either', async () => {
    const headers = { 'x-tenant-id': owner.workspaceId };
    for (const [path, body] of [
      ['/api/user/settings', { subscription_plan: 'max', ai_responses_limit: 1000000 }],
      ['/api/user/profile', { subscription_plan: 'max', company_name: 'Admin Co' }],
    ] as const) {
      const r = await api('PATCH', path, { token: admin.token, headers, body });
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    }
    const me = await api('GET', '/api/user/profile', { token: admin.token, headers });
    expect(me.body.user.workspace.subscription_plan ?? me.body.user.subscription_plan).toBe('trial');
  });

  it('the billing system actor changes the plan; other system actors and members cannot call its function', async () => {
    for (const c of [claims(owner), system('kb-indexer'), system('billing', stranger.workspaceId)]) {
      const r = await commitAs(c, `select app.apply_billing($1::uuid, 'max', 'active', null, null, 50000)`, [owner.workspaceId]);
      expect((r as Error).message).toMatch(/billing system actor/);
    }
    await changePlan(owner.workspaceId, { plan: 'launch' });
    const [w] = await db.query('select subscription_plan, ai_responses_limit from workspaces where id = $1', [owner.workspaceId]);
    expect(w).toEqual({ subscription_plan: 'launch', ai_responses_limit: 3000 });
    const [audit] = await db.query(`select actor, user_id from audit_log where action = 'change_plan' and workspace_id = $1`, [owner.workspaceId]);
    expect(audit).toEqual({ actor: 'system:billing', user_id: null });
  });

  it('only the agent-runtime system actor counts AI responses, and never past the quota', async () => {
    const r = await commitAs(claims(owner), 'select app.count_ai_response($1::uuid)', [owner.workspaceId]);
    expect((r as Error).message).toMatch(/agent-runtime system actor/);
    const ok = await commitAs(system('agent-runtime'), 'select app.count_ai_response($1::uuid) as counted', [owner.workspaceId]);
    expect(ok).toEqual([{ counted: true }]);
    const [w] = await db.query<{ ai_responses_used: number }>('select ai_responses_used from workspaces where id = $1', [owner.workspaceId]);
    expect(w.ai_responses_used).toBe(1);
  });
});

describe('only owners grant or remove the owner role', () => {
  it('in SQL, an admin can neither promote anyone to owner, invite an owner, nor demote or remove an owner', async () => {
    const attacks = [
      [`update memberships set role = 'owner' where id = $1 returning id`, [memberMembershipId]],
      [`update memberships set role = 'owner' where id = $1 returning id`, [adminMembershipId]],
      [`insert into memberships (workspace_id, user_id, role) values ($1, $2, 'owner') returning id`, [owner.workspaceId, stranger.userId]],
      [`insert into invitations (workspace_id, email, role, token_hash, expires_at) values ($1, 'new-owner@example.com', 'owner', md5(random()::text), now() + interval '1 day') returning id`, [owner.workspaceId]],
      [`update memberships set role = 'viewer' where id = $1 returning id`, [ownerMembershipId]],
      [`delete from memberships where id = $1 returning id`, [ownerMembershipId]],
    ] as const;
    for (const [text, params] of attacks) {
      const r = await commitAs(claims(admin), text, [...params]);
      // Refused outright (WITH CHECK) or no row touched (USING).
      if (Array.isArray(r)) expect(r, text).toEqual([]);
      else expect(r.message, text).toMatch(/row-level security/);
    }
    const roles = await db.query<{ user_id: string; role: string }>('select user_id, role from memberships where workspace_id = $1 order by role', [owner.workspaceId]);
    expect(roles).toEqual(
      expect.arrayContaining([
        { user_id: owner.userId, role: 'owner' },
        { user_id: admin.userId, role: 'admin' },
        { user_id: member.userId, role: 'member' },
      ]),
    );
    expect(roles).toHaveLength(3);
    const [inv] = await db.query<{ n: number }>(`select count(*)::int as n from invitations where role = 'owner'`);
    expect(inv.n).toBe(0);
  });

  it('through the API, an admin PATCHing a member to owner gets 403; the admin still manages non-owners', async () => {
    const headers = { 'x-tenant-id': owner.workspaceId };
    const up = await api('PATCH', `/api/team/members/${memberMembershipId}`, { token: admin.token, headers, body: { role: 'owner' } });
    expect(up.status).toBe(403);
    const inv = await api('POST', '/api/team/invitations', { token: admin.token, headers, body: { email: 'boss@example.com', role: 'owner' } });
    expect(inv.status).toBe(403);
    const down = await api('PATCH', `/api/team/members/${memberMembershipId}`, { token: admin.token, headers, body: { role: 'viewer' } });
    expect(down.status).toBe(200);
    await api('PATCH', `/api/team/members/${memberMembershipId}`, { token: admin.token, headers, body: { role: 'member' } });
  });

  it('an owner can still make someone an owner, in SQL and through the API', async () => {
    const sqlUp = await asAuthenticated(db, claims(owner), (q) =>
      q(`update memberships set role = 'owner' where id = $1 returning role`, [memberMembershipId]),
    );
    expect(sqlUp).toEqual([{ role: 'owner' }]);
    const up = await api('PATCH', `/api/team/members/${adminMembershipId}`, { token: owner.token, body: { role: 'owner' } });
    expect(up.status).toBe(200);
    const down = await api('PATCH', `/api/team/members/${adminMembershipId}`, { token: owner.token, body: { role: 'admin' } });
    expect(down.status).toBe(200);
  });
});

describe('system actors get the narrow rights of their job', () => {
  it('the kb-indexer reads and writes chunks of its workspace, and nothing else', async () => {
    const chunks = await asAuthenticated(db, system('kb-indexer'), (q) =>
      q(`update kb_chunks set embedding_model = 'test-model' where workspace_id = $1 returning id`, [owner.workspaceId]),
    );
    expect(chunks.length).toBeGreaterThan(0);
    const seen = await asAuthenticated(db, system('kb-indexer'), async (q) => ({
      agents: await q('select id from agents'),
      memberships: await q('select id from memberships'),
      invitations: await q('select id from invitations'),
      audit: await q('select id from audit_log'),
    }));
    expect(seen).toEqual({ agents: [], memberships: [], invitations: [], audit: [] });
    const writes = [
      [`update memberships set role = 'viewer' where workspace_id = $1 returning id`, [owner.workspaceId]],
      [`update workspaces set name = 'indexed' where id = $1 returning id`, [owner.workspaceId]],
      [`delete from kb_articles where workspace_id = $1 returning id`, [owner.workspaceId]],
      [`insert into agents (workspace_id, name, model, system_instructions) values ($1, 'x', 'm', 'ten chars at least') returning id`, [owner.workspaceId]],
      [`insert into audit_log (workspace_id, action, entity_type) values ($1, 'forged', 'x') returning id`, [owner.workspaceId]],
    ] as const;
    for (const [text, params] of writes) {
      const r = await commitAs(system('kb-indexer'), text, [...params]);
      if (Array.isArray(r)) expect(r, text).toEqual([]);
      else expect(r.message, text).toMatch(/row-level security|permission denied/);
    }
    const [m] = await db.query<{ n: number }>(`select count(*)::int as n from memberships where workspace_id = $1 and role = 'viewer'`, [owner.workspaceId]);
    expect(m.n).toBe(0);
  });

  it('a system actor with an unknown name sees and writes nothing, and no system actor is owner or admin', async () => {
    const rows = await asAuthenticated(db, system('made-up'), async (q) => [
      ...(await q('select id from kb_chunks')),
      ...(await q('select id from workspaces')),
      ...(await q('select id from kb_articles')),
    ]);
    expect(rows).toEqual([]);
    const admins = await asAuthenticated(db, system('billing'), (q) => q('select app.admin_workspaces() as a, app.owner_workspaces() as o'));
    expect(admins).toEqual([{ a: [], o: [] }]);
    const rename = await commitAs(system('billing'), `update workspaces set name = 'billing was here' where id = $1 returning id`, [owner.workspaceId]);
    expect(rename).toEqual([]);
  });
});

describe('auth runs without the superuser', () => {
  it('withAuthService runs as app_auth: not a superuser, no tenant data, no plan changes', async () => {
    const [who] = await withAuthService((tx) =>
      queryRows<{ role: string; su: boolean }>(tx, sql`select current_user::text as role, (select rolsuper from pg_roles where rolname = current_user) as su`),
    );
    expect(who).toEqual({ role: 'app_auth', su: false });
    const agents = await withAuthService((tx) => queryRows(tx, sql`select id from public.agents`)).catch((e: Error) => e);
    expect(reason(agents)).toMatch(/permission denied/);
    const plan = await withAuthService((tx) =>
      queryRows(tx, sql`update public.workspaces set subscription_plan = 'max' where id = ${owner.workspaceId}::uuid returning id`),
    ).catch((e: Error) => e);
    expect(reason(plan)).toMatch(/permission denied/);
    const owner2 = await withAuthService((tx) =>
      queryRows(tx, sql`insert into public.memberships (workspace_id, user_id, role) values (${owner.workspaceId}::uuid, ${stranger.userId}::uuid, 'owner') returning id`),
    ).catch((e: Error) => e);
    expect(reason(owner2)).toMatch(/row-level security/);
  });

  it('registration, login, refresh and password reset still work through it', async () => {
    const u = await registerUser();
    const l = await login(u, u.password);
    expect(l.status).toBe(200);
    const r = await api('POST', '/api/auth/refresh', { body: { refresh_token: l.body.refresh_token }, headers: { 'x-forwarded-for': '10.9.9.8' } });
    expect(r.status).toBe(200);
    const f = await api('POST', '/api/auth/forgot-password', { body: { email: u.email }, headers: { 'x-forwarded-for': '10.9.9.7' } });
    expect(f.status).toBeLessThan(300);
    // The request only writes the event (as app_auth); the token is made when it is relayed.
    await settleOutbox(db);
    const [t] = await db.query<{ n: number }>(
      'select count(*)::int as n from password_reset_tokens p join users x on x.id = p.user_id where x.email = $1',
      [u.email],
    );
    expect(t.n).toBe(1);
  });
});
