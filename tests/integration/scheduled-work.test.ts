// Scheduled work (issue 10): the weekly clean-up deletes exactly what its retention says and
// keeps the rest; the 6-hourly embeddings refresh embeds only chunks that are missing or
// changed (fake OpenAI embeddings; PGlite only — the PostgreSQL 15 server has no pgvector,
// where it records that it skipped); a missed window runs once; a job is never run twice at
// once; the in-process runner runs due jobs; the Background work panel is for owners/admins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { api, registerUser } from '../helpers/api';
import { onRealServer, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { addMember, type TestUser } from '../helpers/kb';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server';
import { createArticle, createWorkspace } from './kb-search-fixtures';
import { queryRows, withActor } from '@/lib/db/actor';
import { resetEnvCache } from '@/lib/env';
import { DueRunner } from '@/lib/jobs/due-work/runner';
import { runDueScheduledJobs, runScheduledJob } from '@/lib/jobs/scheduled/run-scheduled-job';
import { indexerActor } from '@/lib/kb/indexing/embed-article';
import type { Database } from '@/lib/db/client';

let db: Database;
let owner: TestUser;
let fake: FakeOpenAI;

// A Wednesday; the weekly clean-up's next window is Sunday 2026-12-06 00:00 UTC.
const NOW = new Date('2026-12-02T10:15:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const ahead = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString();

async function job(name: string) {
  const [row] = await db.query<Record<string, any>>('select * from scheduled_jobs where name = $1', [name]);
  return row;
}

beforeAll(async () => {
  process.env.RATE_LIMIT_DISABLED = '1';
  fake = await startFakeOpenAI({ apiKey: 'sk-test' });
  db = await setupTestDatabase();
  owner = await registerUser({ company_name: 'Cron Shop' });
});
afterAll(async () => {
  delete process.env.RATE_LIMIT_DISABLED;
  delete process.env.OPENAI_API_KEY;
  delete process.env.OPENAI_BASE_URL;
  resetEnvCache();
  await teardownTestDatabase();
  await fake.close();
});

describe('weekly clean-up', () => {
  it('deletes exactly the expired and old rows, keeps the rest, and records the run', async () => {
    const ws = owner.workspaceId;
    const user = owner.userId;
    // [table, label, keep?, insert]
    const rows: [string, boolean, string, unknown[]][] = [
      ['password_reset_tokens', false, `insert into password_reset_tokens (user_id, token_hash, expires_at) values ($1, 'pr-old', $2)`, [user, ago(2)]],
      ['password_reset_tokens', false, `insert into password_reset_tokens (user_id, token_hash, expires_at, used_at) values ($1, 'pr-used', $2, $3)`, [user, ahead(1), ago(3)]],
      ['password_reset_tokens', true, `insert into password_reset_tokens (user_id, token_hash, expires_at) values ($1, 'pr-live', $2)`, [user, ahead(1)]],
      ['invitations', false, `insert into invitations (workspace_id, email, role, token_hash, expires_at) values ($1, 'gone@x.kz', 'member', 'inv-old', $2)`, [ws, ago(31)]],
      ['invitations', true, `insert into invitations (workspace_id, email, role, token_hash, expires_at) values ($1, 'recent@x.kz', 'member', 'inv-recent', $2)`, [ws, ago(3)]],
      ['invitations', true, `insert into invitations (workspace_id, email, role, token_hash, expires_at, accepted_at) values ($1, 'joined@x.kz', 'member', 'inv-acc', $2, $2)`, [ws, ago(60)]],
      ['refresh_tokens', false, `insert into refresh_tokens (user_id, family_id, token_hash, expires_at) values ($1, gen_random_uuid(), 'rt-old', $2)`, [user, ago(1)]],
      ['refresh_tokens', true, `insert into refresh_tokens (user_id, family_id, token_hash, expires_at) values ($1, gen_random_uuid(), 'rt-live', $2)`, [user, ahead(5)]],
      ['user_sessions', false, `insert into user_sessions (user_id, expires_at) values ($1, $2)`, [user, ago(40)]],
      ['user_sessions', true, `insert into user_sessions (user_id, expires_at, revoked_at) values ($1, $2, $3)`, [user, ahead(5), ago(2)]],
      ['notifications', false, `insert into notifications (workspace_id, type, title, is_read, read_at) values ($1, 'system', 'old read', true, $2)`, [ws, ago(100)]],
      ['notifications', true, `insert into notifications (workspace_id, type, title, is_read, created_at) values ($1, 'system', 'old unread', false, $2)`, [ws, ago(100)]],
      ['audit_log', false, `insert into audit_log (workspace_id, action, entity_type, created_at) values ($1, 'x.old', 'x', $2)`, [ws, ago(400)]],
      ['audit_log', true, `insert into audit_log (workspace_id, action, entity_type, created_at) values ($1, 'x.recent', 'x', $2)`, [ws, ago(300)]],
      ['due_work', false, `insert into due_work (workspace_id, kind, subject, due_at, state, updated_at) values ($1, 'test.done', 'a', $2, 'done', $2)`, [ws, ago(8)]],
      ['due_work', true, `insert into due_work (workspace_id, kind, subject, due_at, state, updated_at) values ($1, 'test.dead', 'b', $2, 'dead', $2)`, [ws, ago(8)]],
      ['due_work', true, `insert into due_work (workspace_id, kind, subject, due_at) values ($1, 'test.pending', 'c', $2)`, [ws, ahead(60)]],
      ['event_outbox', false, `insert into event_outbox (workspace_id, name, data, state, sent_at) values ($1, 'x/sent', '{}', 'sent', $2)`, [ws, ago(8)]],
      ['event_outbox', true, `insert into event_outbox (workspace_id, name, data, state) values ($1, 'x/pending', '{}', 'pending')`, [ws]],
    ];
    const before: Record<string, number> = {};
    for (const t of new Set(rows.map((r) => r[0]))) {
      before[t] = (await db.query<{ n: number }>(`select count(*)::int as n from ${t}`))[0].n;
    }
    for (const [, , statement, params] of rows) await db.query(statement, params);

    const run = await runScheduledJob('cleanup', { now: () => NOW });
    expect(run).toMatchObject({ status: 'ok', name: 'cleanup' });
    const expected: Record<string, number> = {};
    for (const [t, keep] of rows) if (!keep) expected[t] = (expected[t] ?? 0) + 1;
    expect(run!.result.deleted).toMatchObject(expected);
    for (const t of Object.keys(before)) {
      const kept = rows.filter((r) => r[0] === t && r[1]).length;
      const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from ${t}`);
      expect(n, `${t}: rows before + kept`).toBe(before[t] + kept);
    }
    // What users rely on is untouched: the workspace, its member, the unread notification.
    expect((await db.query(`select 1 from invitations where token_hash = 'inv-acc'`)).length).toBe(1);

    const row = await job('cleanup');
    expect(row).toMatchObject({ last_status: 'ok', last_error: null, claimed_until: null, runs: 1, failures: 0 });
    expect(new Date(row.last_started_at).toISOString()).toBe(NOW.toISOString());
    expect(new Date(row.next_run_at).toISOString()).toBe('2026-12-06T00:00:00.000Z');
    expect(row.last_result.total).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
  });

  it('is not run again before its window; a missed window (app down three weeks) runs once', async () => {
    expect(await runScheduledJob('cleanup', { now: () => new Date('2026-12-05T23:59:00Z') })).toBeNull();
    await db.query(`update scheduled_jobs set next_run_at = $1 where name = 'cleanup'`, [ago(21)]);
    const later = () => new Date('2026-12-02T11:00:00Z');
    const first = await runDueScheduledJobs(later);
    expect(first.filter((r) => r.name === 'cleanup')).toHaveLength(1);
    expect((await runDueScheduledJobs(later)).filter((r) => r.name === 'cleanup')).toHaveLength(0);
    expect(new Date((await job('cleanup')).next_run_at).toISOString()).toBe('2026-12-06T00:00:00.000Z');
    expect((await job('cleanup')).runs).toBe(2);
  });

  it('a job held by another runner is not started twice; an expired lease is taken over', async () => {
    const t = new Date('2026-12-07T00:01:00Z');
    await db.query(`update scheduled_jobs set claimed_until = $1 where name = 'cleanup'`, [new Date(t.getTime() + 60_000).toISOString()]);
    expect(await runScheduledJob('cleanup', { now: () => t })).toBeNull();
    // Inngest's cron forces the time, never the lease.
    expect(await runScheduledJob('cleanup', { now: () => t, force: true })).toBeNull();
    const afterLease = new Date(t.getTime() + 120_000);
    expect(await runScheduledJob('cleanup', { now: () => afterLease })).toMatchObject({ status: 'ok' });
  });

  it('a failing job records its error and the next window; the next run clears it', async () => {
    // The definer function is gone for a moment: the run fails, visibly.
    await db.query(`alter function app.run_cleanup(timestamptz) rename to run_cleanup_away`);
    const t = new Date('2026-12-14T00:00:30Z');
    try {
      expect(await runScheduledJob('cleanup', { now: () => t })).toMatchObject({ status: 'failed' });
    } finally {
      await db.query(`alter function app.run_cleanup_away(timestamptz) rename to run_cleanup`);
    }
    expect(await job('cleanup')).toMatchObject({ last_status: 'failed', failures: 1 });
    expect((await job('cleanup')).last_error).toMatch(/run_cleanup/);
    expect(new Date((await job('cleanup')).next_run_at).toISOString()).toBe('2026-12-20T00:00:00.000Z');
    expect(await runScheduledJob('cleanup', { now: () => new Date('2026-12-20T00:00:10Z') })).toMatchObject({ status: 'ok' });
    expect(await job('cleanup')).toMatchObject({ last_status: 'ok', last_error: null, failures: 1 });
  });
});

describe('the in-process runner', () => {
  it('runs the jobs that are due beside its due-work passes and arms for the next window', async () => {
    await db.query(`update scheduled_jobs set next_run_at = $1, claimed_until = null where name = 'cleanup'`, ['2026-12-27T00:00:00Z']);
    const clock = new Date('2026-12-27T00:00:05Z');
    const runner = new DueRunner({ now: () => clock, scheduledJobs: true });
    runner.start();
    await runner.settled();
    await runner.scheduledSettled();
    await runner.settled();
    runner.stop();
    const row = await job('cleanup');
    expect(new Date(row.last_started_at).toISOString()).toBe(clock.toISOString());
    expect(new Date(row.next_run_at).toISOString()).toBe('2027-01-03T00:00:00.000Z');
  });

  it('a runner without scheduled jobs (tests, other tools) leaves them alone', async () => {
    await db.query(`update scheduled_jobs set next_run_at = $1 where name = 'cleanup'`, ['2027-01-03T00:00:00Z']);
    const runner = new DueRunner({ now: () => new Date('2027-01-03T00:00:05Z') });
    runner.start();
    await runner.settled();
    runner.stop();
    expect(new Date((await job('cleanup')).next_run_at).toISOString()).toBe('2027-01-03T00:00:00.000Z');
  });
});

describe('embeddings refresh', () => {
  it('without an embeddings provider it records that it skipped', async () => {
    delete process.env.OPENAI_API_KEY;
    resetEnvCache();
    const run = await runScheduledJob('kb_embeddings', { now: () => NOW, force: true });
    expect(run).toMatchObject({ status: 'skipped', result: { reason: onRealServer ? 'no_pgvector' : 'not_configured' } });
    expect(await job('kb_embeddings')).toMatchObject({ last_status: 'skipped' });
  });

  it.runIf(onRealServer)('on a server without pgvector it skips even when a provider is set', async () => {
    process.env.OPENAI_API_KEY = 'sk-test';
    process.env.OPENAI_BASE_URL = fake.url;
    resetEnvCache();
    fake.reset();
    expect(await runScheduledJob('kb_embeddings', { now: () => NOW, force: true })).toMatchObject({ status: 'skipped', result: { reason: 'no_pgvector' } });
    expect(fake.requests.filter((r) => r.path === '/v1/embeddings')).toHaveLength(0);
  });

  it.skipIf(onRealServer)('embeds only missing or changed chunks, across workspaces, and nothing when all are current', async () => {
    const first_ws = await createWorkspace(db, 'Refresh One');
    const other = { workspaceId: await createWorkspace(db, 'Refresh Two') };
    const a1 = await createArticle(first_ws, { title: 'Доставка', content: 'Доставляем по Алматы за один день, по Казахстану за три.' });
    const a2 = await createArticle(other.workspaceId, { title: 'Гарантия', content: 'Гарантия на ремонт шесть месяцев, на запчасти год.' });
    process.env.OPENAI_API_KEY = 'sk-test';
    process.env.OPENAI_BASE_URL = fake.url;
    resetEnvCache();
    fake.reset();
    const chunks = async (ws: string, id: number) =>
      withActor(indexerActor(ws), (tx) =>
        queryRows<{ id: string; embedded: boolean }>(tx, sql`select id::text, embedding is not null as embedded from kb_chunks where article_id = ${id} order by chunk_index`),
      );
    expect((await chunks(first_ws, a1)).every((c) => !c.embedded)).toBe(true);

    const first = await runScheduledJob('kb_embeddings', { now: () => NOW, force: true });
    expect(first).toMatchObject({ status: 'ok', result: { articles: 2, failed: 0 } });
    expect((await chunks(first_ws, a1)).every((c) => c.embedded)).toBe(true);
    expect((await chunks(other.workspaceId, a2)).every((c) => c.embedded)).toBe(true);
    const calls = fake.requests.filter((r) => r.path === '/v1/embeddings').length;
    expect(calls).toBeGreaterThan(0);

    // All current: nothing is sent to the provider.
    expect(await runScheduledJob('kb_embeddings', { now: () => NOW, force: true })).toMatchObject({ status: 'ok', result: { articles: 0, embedded: 0 } });
    expect(fake.requests.filter((r) => r.path === '/v1/embeddings').length).toBe(calls);

    // One chunk changed (its vector cleared by the edit): only that one is embedded.
    const [changed] = await chunks(other.workspaceId, a2);
    await db.query('update kb_chunks set embedding = null, embedded_at = null where id = $1', [changed.id]);
    expect(await runScheduledJob('kb_embeddings', { now: () => NOW, force: true })).toMatchObject({ status: 'ok', result: { articles: 1, chunks: 1, embedded: 1 } });
  });
});

describe('GET /api/admin/background-work', () => {
  it('shows owners the jobs, the engine (no key) and the workspace backlog; members get 403', async () => {
    // A reply nobody picked up for ten minutes: overdue.
    await db.query(`insert into due_work (workspace_id, kind, subject, due_at) values ($1, 'test.stuck', 'd', now() - interval '10 minutes')`, [owner.workspaceId]);
    const res = await api('GET', '/api/admin/background-work', { token: owner.token });
    expect(res.status).toBe(200);
    const cleanup = res.body.jobs.find((j: { name: string }) => j.name === 'cleanup');
    expect(cleanup).toMatchObject({ schedule: '0 0 * * 0', last_status: 'ok', running: false });
    expect(res.body.jobs.map((j: { name: string }) => j.name)).toEqual(['cleanup', 'kb_embeddings']);
    expect(res.body.engine).toMatchObject({ mode: 'in_process', inngest: { configured: false, event_key_set: false, signing_key_set: false } });
    // The pending event from the clean-up test; the stuck item is overdue, the future one is not.
    expect(res.body.outbox.pending).toBeGreaterThanOrEqual(1);
    expect(res.body.due_work.by_kind).toContainEqual(expect.objectContaining({ kind: 'test.stuck', pending: 1, overdue: 1 }));
    expect(res.body.due_work.by_kind).toContainEqual(expect.objectContaining({ kind: 'test.pending', pending: 1, overdue: 0 }));
    expect(res.body.due_work.dead).toBe(1);

    const member = await addMember(db, owner, 'member');
    const denied = await api('GET', '/api/admin/background-work', { token: member.token, headers: member.headers });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('forbidden');
  });

  it('says Inngest is configured without showing its keys', async () => {
    process.env.INNGEST_EVENT_KEY = 'evt-secret-key-123';
    process.env.INNGEST_SIGNING_KEY = 'signkey-prod-abcdef';
    resetEnvCache();
    try {
      const res = await api('GET', '/api/admin/background-work', { token: owner.token });
      expect(res.body.engine).toMatchObject({ mode: 'inngest', inngest: { configured: true, event_key_set: true, signing_key_set: true } });
      expect(JSON.stringify(res.body)).not.toMatch(/evt-secret-key-123|signkey-prod-abcdef/);
    } finally {
      delete process.env.INNGEST_EVENT_KEY;
      delete process.env.INNGEST_SIGNING_KEY;
      resetEnvCache();
    }
  });

  it('through SQL as the authenticated role: the table is closed; the status function admits owners and admins only', async () => {
    const { asAuthenticated } = await import('../helpers/db');
    const ownerClaims = { sub: owner.userId, role: 'authenticated', workspace_id: owner.workspaceId };
    await expect(asAuthenticated(db, ownerClaims, (q) => q('select * from scheduled_jobs'))).rejects.toThrow(/permission denied/);
    await expect(asAuthenticated(db, ownerClaims, (q) => q(`update scheduled_jobs set next_run_at = now()`))).rejects.toThrow(/permission denied/);
    const seen = await asAuthenticated(db, ownerClaims, (q) => q('select name from app.scheduled_jobs_status()'));
    expect(seen.map((r) => r.name)).toEqual(['cleanup', 'kb_embeddings']);
    const member = await addMember(db, owner, 'member');
    const memberClaims = { sub: member.userId, role: 'authenticated', workspace_id: owner.workspaceId };
    await expect(asAuthenticated(db, memberClaims, (q) => q('select name from app.scheduled_jobs_status()'))).rejects.toThrow(/owners and admins/);
    await expect(asAuthenticated(db, memberClaims, (q) => q(`select app.run_cleanup(now())`))).rejects.toThrow(/permission denied/);
    // The jobs role writes a run's columns, never a job's name.
    const { withJobsRole } = await import('@/lib/jobs/jobs-tx');
    await expect(withJobsRole((tx) => tx.execute(sql`update scheduled_jobs set name = 'renamed' where name = 'cleanup'`))).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/permission denied/) },
    });
  });
});
