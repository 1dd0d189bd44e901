// Due work: waits that survive restarts, claimed exactly once across runners, scheduled
// and cancelled by subject, retried with backoff and dead-lettered visibly. A test clock
// drives every due time; the in-process runner is driven with fake timers.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { InngestTestEngine } from '@inngest/test';
import { setupTestDatabase, teardownTestDatabase } from '@/tests/helpers/db';
import { captureLogs } from '@/tests/helpers/logs';
import { createWorkspace } from '@/tests/integration/kb-search-fixtures';
import { withActor, queryRows, type Actor } from '@/lib/db/actor';
import type { Database } from '@/lib/db/client';
import { onDueWork, type DueHandlerContext } from '@/lib/jobs/due-work/handlers';
import { cancelDueWork, scheduleDueWork } from '@/lib/jobs/due-work/schedule-due-work';
import { backoffMs, runDueWork } from '@/lib/jobs/due-work/run-due-work';
import { DueRunner } from '@/lib/jobs/due-work/runner';
import { runDueWorkFn } from '@/inngest/functions/run-due-work';

let db: Database;
let wsA: string;
let wsB: string;
// The agent runtime schedules delayed replies and follow-ups (its rights include due_work).
const system = (ws: string): Actor => ({ kind: 'system', name: 'agent-runtime', workspaceId: ws });

const T0 = new Date('2026-11-27T10:00:00.000Z');
let clock = T0.getTime();
const now = () => new Date(clock);
const at = (ms: number) => new Date(T0.getTime() + ms);

/** Every handler call, recorded with the actor it ran as. */
const calls: { kind: string; subject: string; actor: Actor; payload: unknown; attempt: number }[] = [];
const record = async ({ item, actor }: DueHandlerContext) => {
  calls.push({ kind: item.kind, subject: item.subject, actor, payload: item.payload, attempt: item.attempts });
};
let failuresLeft = 0;

beforeAll(async () => {
  db = await setupTestDatabase();
  wsA = await createWorkspace(db, 'Due A');
  wsB = await createWorkspace(db, 'Due B');
  onDueWork('test.record', record);
  onDueWork('test.flaky', async (ctx) => {
    if (failuresLeft-- > 0) throw new Error('telegram said 502');
    await record(ctx);
  });
  onDueWork('test.always-fails', async () => {
    throw new Error('permanently broken');
  });
  // Writes as the actor it was given: proves the actor is bound to the row's workspace.
  onDueWork('test.write-note', async ({ actor, item }) => {
    await withActor(actor, (tx) =>
      tx.execute(sql`insert into notifications (workspace_id, type, title)
                     values (${String(item.payload.target_workspace)}::uuid, 'test', 'written by due work')`),
    );
  });
});
afterAll(teardownTestDatabase);
afterEach(async () => {
  calls.length = 0;
  vi.useRealTimers();
  await db.query(`delete from due_work`);
});

const schedule = (ws: string, kind: string, subject: string, dueAt: Date, payload: Record<string, unknown> = {}, maxAttempts?: number) =>
  withActor(system(ws), (tx) => scheduleDueWork(tx, { workspaceId: ws, kind, subject, dueAt, payload, maxAttempts }));

const rowsOf = (ws: string) =>
  db.query<{ id: string; kind: string; subject: string; state: string; attempts: number; due_at: Date; last_error: string | null; payload: unknown }>(
    'select id, kind, subject, state, attempts, due_at, last_error, payload from due_work where workspace_id = $1 order by created_at',
    [ws],
  );

describe('due work', () => {
  it('runs an item only once it is due, as the system actor of its workspace', async () => {
    clock = T0.getTime();
    await schedule(wsA, 'test.record', 'conversation:1', at(60_000), { text: 'hi' });
    expect(await runDueWork({ now })).toMatchObject({ claimed: 0 });
    clock += 59_999;
    expect(await runDueWork({ now })).toMatchObject({ claimed: 0 });
    clock += 1;
    expect(await runDueWork({ now })).toMatchObject({ claimed: 1, done: 1 });
    expect(calls).toEqual([
      { kind: 'test.record', subject: 'conversation:1', actor: { kind: 'system', name: 'due:test.record', workspaceId: wsA }, payload: { text: 'hi' }, attempt: 1 },
    ]);
    expect((await rowsOf(wsA))[0]).toMatchObject({ state: 'done', attempts: 1 });
    expect(await runDueWork({ now })).toMatchObject({ claimed: 0 });
    expect(calls).toHaveLength(1);
  });

  it('scheduling the same subject again replaces the pending item; cancel removes it', async () => {
    clock = T0.getTime();
    await schedule(wsA, 'test.record', 'conversation:2', at(10_000), { v: 1 });
    await schedule(wsA, 'test.record', 'conversation:2', at(30_000), { v: 2 });
    // The same subject in another workspace is another item.
    await schedule(wsB, 'test.record', 'conversation:2', at(10_000), { v: 'b' });
    const a = await rowsOf(wsA);
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ state: 'pending', payload: { v: 2 } });
    expect(new Date(a[0].due_at).toISOString()).toBe(at(30_000).toISOString());

    clock = at(10_000).getTime();
    await runDueWork({ now });
    expect(calls.map((c) => c.payload)).toEqual([{ v: 'b' }]); // A's was moved to 30 s

    expect(await withActor(system(wsA), (tx) => cancelDueWork(tx, { workspaceId: wsA, kind: 'test.record', subject: 'conversation:2' }))).toBe(1);
    clock = at(60_000).getTime();
    await runDueWork({ now });
    expect(calls).toHaveLength(1);
    expect((await rowsOf(wsA))[0].state).toBe('cancelled');
    // After cancelling, the subject can be scheduled afresh.
    await schedule(wsA, 'test.record', 'conversation:2', at(61_000));
    expect((await rowsOf(wsA)).map((r) => r.state)).toEqual(['cancelled', 'pending']);
  });

  it('a member cannot schedule, cancel or see work in a workspace they do not belong to', async () => {
    clock = T0.getTime();
    await schedule(wsB, 'test.record', 'conversation:9', at(1000));
    // Cancelling B's item as A's system actor finds nothing.
    expect(await withActor(system(wsA), (tx) => cancelDueWork(tx, { workspaceId: wsB, kind: 'test.record', subject: 'conversation:9' }))).toBe(0);
    await expect(
      withActor(system(wsA), (tx) => scheduleDueWork(tx, { workspaceId: wsB, kind: 'test.record', subject: 'y', dueAt: at(1000) })),
    ).rejects.toThrow();
    const seen = await withActor(system(wsA), (tx) => queryRows<{ workspace_id: string }>(tx, sql`select workspace_id from due_work`));
    expect(seen.every((r) => r.workspace_id === wsA)).toBe(true);
    // And nobody marks work done by hand: only the jobs role finishes it.
    await expect(
      withActor(system(wsB), (tx) => tx.execute(sql`update due_work set state = 'done' where subject = 'conversation:9'`)),
    ).rejects.toThrow();
  });

  it('a handler acts only in the row’s workspace, whatever the payload names', async () => {
    clock = T0.getTime();
    await schedule(wsA, 'test.write-note', 'forged', at(0), { target_workspace: wsB }, 1);
    const logs = captureLogs();
    try {
      expect(await runDueWork({ now })).toMatchObject({ claimed: 1, dead: 1 });
    } finally {
      logs.stop();
    }
    expect(await db.query(`select 1 from notifications where workspace_id = $1 and type = 'test'`, [wsB])).toHaveLength(0);
  });

  it('two runners racing claim every due item exactly once', async () => {
    clock = T0.getTime();
    for (let i = 0; i < 30; i++) await schedule(i % 2 ? wsA : wsB, 'test.record', `race:${i}`, at(i));
    clock = at(1000).getTime();
    const runner = async () => {
      let total = 0;
      for (;;) {
        const r = await runDueWork({ now, limit: 3 });
        total += r.claimed;
        if (r.claimed === 0) return total;
      }
    };
    const [x, y, z] = await Promise.all([runner(), runner(), runner()]);
    expect(x + y + z).toBe(30);
    const subjects = calls.map((c) => c.subject);
    expect(new Set(subjects).size).toBe(30);
    expect(subjects).toHaveLength(30);
  });

  it('retries with exponential backoff, then dead-letters visibly and alerts', async () => {
    clock = T0.getTime();
    failuresLeft = 2;
    await schedule(wsA, 'test.flaky', 'conversation:3', at(0));
    expect(await runDueWork({ now })).toMatchObject({ retried: 1 });
    let [row] = await rowsOf(wsA);
    expect(row).toMatchObject({ state: 'pending', attempts: 1, last_error: 'telegram said 502' });
    expect(new Date(row.due_at).getTime()).toBe(clock + backoffMs(1));
    clock += backoffMs(1) - 1;
    expect(await runDueWork({ now })).toMatchObject({ claimed: 0 });
    clock += 1;
    expect(await runDueWork({ now })).toMatchObject({ retried: 1 });
    [row] = await rowsOf(wsA);
    expect(new Date(row.due_at).getTime()).toBe(clock + backoffMs(2));
    expect(backoffMs(2)).toBe(2 * backoffMs(1));
    clock += backoffMs(2);
    expect(await runDueWork({ now })).toMatchObject({ done: 1 });
    expect(calls.map((c) => c.attempt)).toEqual([3]);

    await schedule(wsA, 'test.always-fails', 'conversation:4', at(0), {}, 2);
    const logs = captureLogs();
    try {
      clock = at(0).getTime() + 10 * 3600_000;
      expect(await runDueWork({ now })).toMatchObject({ retried: 1 });
      clock += backoffMs(1);
      expect(await runDueWork({ now })).toMatchObject({ dead: 1 });
    } finally {
      logs.stop();
    }
    const dead = (await rowsOf(wsA)).find((r) => r.kind === 'test.always-fails')!;
    expect(dead).toMatchObject({ state: 'dead', attempts: 2, last_error: 'permanently broken' });
    expect(logs.lines.some((l) => l.level === 'ERROR' && l.msg === 'background job dead-lettered' && l.job === 'test.always-fails')).toBe(true);
    const notes = await db.query<{ type: string; title: string }>(`select type, title from notifications where workspace_id = $1`, [wsA]);
    expect(notes.some((n) => n.type === 'job_dead_letter' && n.title.includes('test.always-fails'))).toBe(true);
    // Nothing runs it again.
    clock += 24 * 3600_000;
    expect(await runDueWork({ now })).toMatchObject({ claimed: 0 });
  });

  it('a runner that died mid-run loses its lease and the item runs again', async () => {
    clock = T0.getTime();
    await schedule(wsA, 'test.record', 'conversation:5', at(0));
    // Claim without finishing (the process "crashes").
    const { claimDueWork, LEASE_MS } = await import('@/lib/jobs/due-work/run-due-work');
    expect(await claimDueWork(now(), 10)).toHaveLength(1);
    expect(await runDueWork({ now })).toMatchObject({ claimed: 0 });
    clock += LEASE_MS + 1;
    expect(await runDueWork({ now })).toMatchObject({ claimed: 1, done: 1 });
    expect(calls.map((c) => c.attempt)).toEqual([2]);
  });
});

describe('the in-process runner', () => {
  it('sleeps until the next due time and wakes earlier when something earlier is scheduled', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(T0);
    const runner = new DueRunner({ now: () => new Date(), safetyMs: 3600_000 });
    const g = globalThis as Record<string, unknown>;
    g.__salesagentDueRunner = runner;
    try {
      await schedule(wsA, 'test.record', 'conversation:10', new Date(Date.now() + 10 * 60_000));
      runner.start();
      await runner.settled();
      expect(runner.nextWakeAt).toBe(T0.getTime() + 10 * 60_000);

      // Scheduling something earlier in this process re-arms the timer.
      await schedule(wsA, 'test.record', 'conversation:11', new Date(Date.now() + 2 * 60_000));
      expect(runner.nextWakeAt).toBe(T0.getTime() + 2 * 60_000);

      await vi.advanceTimersByTimeAsync(2 * 60_000 - 1);
      expect(calls).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1);
      await runner.settled();
      expect(calls.map((c) => c.subject)).toEqual(['conversation:11']);
      expect(runner.nextWakeAt).toBe(T0.getTime() + 10 * 60_000);

      await vi.advanceTimersByTimeAsync(8 * 60_000);
      await runner.settled();
      expect(calls.map((c) => c.subject)).toEqual(['conversation:11', 'conversation:10']);
      // Nothing left: only the slow safety pass is armed.
      expect(runner.nextWakeAt).toBe(Date.now() + 3600_000);
    } finally {
      runner.stop();
      delete g.__salesagentDueRunner;
    }
  });
});

describe('the Inngest path', () => {
  it('sleeps until due_at, then claims the same row and runs the same handler', async () => {
    clock = T0.getTime();
    const { id } = await schedule(wsA, 'test.record', 'conversation:20', new Date(Date.now() - 1000), { via: 'inngest' });
    const t = new InngestTestEngine({ function: runDueWorkFn });
    const { result, ctx } = await t.execute({
      events: [{ name: 'jobs/due-work.scheduled', data: { workspace_id: wsA, id, due_at: new Date(Date.now() - 1000).toISOString() } }],
      steps: [{ id: 'wait-until-due', handler: () => undefined }],
    });
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith('wait-until-due', expect.any(Date));
    expect(result).toMatchObject({ claimed: 1, done: 1 });
    expect(calls).toEqual([expect.objectContaining({ subject: 'conversation:20', payload: { via: 'inngest' } })]);
    // A second delivery of the same event finds nothing to claim: exactly once.
    const again = await new InngestTestEngine({ function: runDueWorkFn }).execute({
      events: [{ name: 'jobs/due-work.scheduled', data: { workspace_id: wsA, id, due_at: new Date().toISOString() } }],
      steps: [{ id: 'wait-until-due', handler: () => undefined }],
    });
    expect(again.result).toMatchObject({ claimed: 0 });
    expect(calls).toHaveLength(1);
  });

  it('a run woken for an item that was rescheduled later does nothing; the new run does it', async () => {
    const first = new Date(Date.now() - 1000);
    const { id } = await schedule(wsA, 'test.record', 'conversation:21', first);
    await schedule(wsA, 'test.record', 'conversation:21', new Date(Date.now() + 3600_000)); // same row, moved later
    const stale = await new InngestTestEngine({ function: runDueWorkFn }).execute({
      events: [{ name: 'jobs/due-work.scheduled', data: { workspace_id: wsA, id, due_at: first.toISOString() } }],
      steps: [{ id: 'wait-until-due', handler: () => undefined }],
    });
    expect(stale.result).toMatchObject({ claimed: 0 });
    expect(calls).toHaveLength(0);
    expect((await rowsOf(wsA)).find((r) => r.id === id)?.state).toBe('pending');
  });
});

describe('claiming from a large backlog', () => {
  it('claims the earliest due first, expired leases included, reading each from its index in due order (no scan or sort of the backlog)', async () => {
    const { claimDueWork, claimStatement, LEASE_MS } = await import('@/lib/jobs/due-work/run-due-work');
    const { withJobsRole, jobsRows } = await import('@/lib/jobs/jobs-tx');
    clock = T0.getTime();
    // 3,000 steps due over the coming week, 500 finished ones, and one run whose runner died.
    await db.query(
      `insert into due_work (workspace_id, kind, subject, due_at, state)
       select $1, 'test.record', 'backlog:' || i, $2::timestamptz + (i * 197 % 3000) * interval '200 seconds',
              case when i <= 500 then 'done' else 'pending' end
       from generate_series(1, 3500) i`,
      [wsA, T0.toISOString()],
    );
    await db.query(
      `insert into due_work (workspace_id, kind, subject, due_at, state, attempts, claimed_until)
       values ($1, 'test.record', 'died', $2::timestamptz - interval '1 hour', 'running', 1, $2::timestamptz - interval '1 minute')`,
      [wsA, T0.toISOString()],
    );
    await db.exec('analyze due_work');
    // A week later everything is due: the plan reads the pending rows from due_work_due_idx in
    // due order and stops at the batch; the claimed rows are found by id.
    const weekLater = new Date(T0.getTime() + 8 * 86_400_000);
    const plan = (await withJobsRole((tx) => jobsRows<Record<string, string>>(tx, sql`explain ${claimStatement(weekLater, 20)}`)))
      .map((r) => Object.values(r)[0])
      .join('\n');
    expect(plan).toMatch(/Index Scan using due_work_due_idx/);
    expect(plan).toMatch(/due_work_lease_idx/);
    expect(plan).not.toMatch(/Seq Scan on due_work/);

    const first = await claimDueWork(weekLater, 20);
    expect(first).toHaveLength(20);
    const dueTimes = first.map((x) => x.dueAt.getTime());
    const [{ earliest }] = await db.query<{ earliest: Date }>(
      `select min(due_at) as earliest from due_work where state = 'pending' and subject like 'backlog:%'`,
    );
    // The run whose lease expired comes back, and the rest are the 19 earliest pending ones.
    expect(first.find((x) => x.subject === 'died')).toMatchObject({ attempts: 2 });
    const pendingClaimed = first.filter((x) => x.subject !== 'died').map((x) => x.dueAt.getTime());
    expect(Math.max(...pendingClaimed)).toBeLessThan(new Date(earliest).getTime());
    expect(dueTimes.every((t) => t <= weekLater.getTime())).toBe(true);
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from due_work where state = 'running' and claimed_until = $1`, [
      new Date(weekLater.getTime() + LEASE_MS).toISOString(),
    ]);
    expect(n).toBe(20);
  });
});
