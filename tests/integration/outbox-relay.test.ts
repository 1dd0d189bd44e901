// The outbox relay: the workspace comes from the outbox row (which RLS checked when it was
// written), never from the payload; it runs as the app_jobs role, not the connection
// owner; events that keep failing are dead-lettered visibly. Inngest is faked at the HTTP
// level on 127.0.0.1 (its event API).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { setupTestDatabase, teardownTestDatabase } from '@/tests/helpers/db';
import { captureLogs } from '@/tests/helpers/logs';
import { createWorkspace } from '@/tests/integration/kb-search-fixtures';
import { resetEnvCache } from '@/lib/env';
import type { Database } from '@/lib/db/client';
import type { AppEvent } from '@/lib/jobs/events';
import type { JobContext } from '@/lib/jobs/jobs-tx';

let db: Database;
let wsA: string;
let wsB: string;
let server: http.Server;
const received: { path: string; body: any }[] = [];
let relay: typeof import('@/lib/jobs/relay-outbox');
let local: typeof import('@/lib/jobs/local-handlers');

const useInngest = (on: boolean) => {
  if (on) process.env.INNGEST_EVENT_KEY = 'test-event-key';
  else delete process.env.INNGEST_EVENT_KEY;
  resetEnvCache();
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(body || 'null') });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ids: ['evt-1'], status: 200 }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  process.env.INNGEST_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  useInngest(true);
  // The Inngest client reads its key and URL when it is created.
  relay = await import('@/lib/jobs/relay-outbox');
  local = await import('@/lib/jobs/local-handlers');
  useInngest(false);
  db = await setupTestDatabase();
  wsA = await createWorkspace(db, 'Relay A');
  wsB = await createWorkspace(db, 'Relay B');
});
afterAll(async () => {
  delete process.env.INNGEST_BASE_URL;
  useInngest(false);
  await teardownTestDatabase();
  await new Promise((r) => server.close(r));
});
afterEach(async () => {
  useInngest(false);
  received.length = 0;
  await db.query(`update event_outbox set state = 'sent' where state = 'pending'`);
});

const enqueueRaw = async (ws: string, name: string, data: Record<string, unknown>) => {
  const [row] = await db.query<{ id: string }>(
    'insert into event_outbox (workspace_id, name, data) values ($1, $2, $3) returning id',
    [ws, name, JSON.stringify(data)],
  );
  return Number(row.id);
};
/** Drizzle wraps database errors ("Failed query: ..."); the reason is in the cause. */
const causeOf = (err: Error & { cause?: Error }) => `${err.message} ${err.cause?.message ?? ''}`;
const outboxRow = async (id: number) =>
  (await db.query<{ state: string; attempts: number; last_error: string | null }>('select state, attempts, last_error from event_outbox where id = $1', [id]))[0];

describe('outbox relay', () => {
  it('in-process: handlers get the row’s workspace and its system actor, not the payload’s', async () => {
    const seen: { event: AppEvent; ctx: JobContext }[] = [];
    local.onLocalEvent('kb/article.deleted', async (event, ctx) => {
      seen.push({ event, ctx });
    });
    // Written in workspace A, the payload names workspace B.
    const id = await enqueueRaw(wsA, 'kb/article.deleted', { workspace_id: wsB, article_id: 42 });
    expect(await relay.relayOutbox()).toMatchObject({ sent: 1, failed: 0, dead: 0 });
    expect(seen).toHaveLength(1);
    expect(seen[0].ctx).toEqual({ workspaceId: wsA, actor: { kind: 'system', name: 'event:kb/article.deleted', workspaceId: wsA } });
    expect(seen[0].event.data).toEqual({ workspace_id: wsA, article_id: 42 });
    expect((await outboxRow(id)).state).toBe('sent');
  });

  it('to Inngest: the event sent carries the row’s workspace, whatever the payload says', async () => {
    useInngest(true);
    const id = await enqueueRaw(wsA, 'kb/article.saved', { workspace_id: wsB, article_id: 7 });
    expect(await relay.relayOutbox()).toMatchObject({ sent: 1 });
    expect(received).toHaveLength(1);
    expect(received[0].path).toBe('/e/test-event-key');
    expect(received[0].body).toEqual([
      expect.objectContaining({ id: `outbox-${id}`, name: 'kb/article.saved', data: { workspace_id: wsA, article_id: 7 } }),
    ]);
  });

  it('runs as the app_jobs role, not as the connection owner', async () => {
    const id = await enqueueRaw(wsA, 'kb/article.deleted', { workspace_id: wsA, article_id: 1 });
    await db.query('revoke update on event_outbox from app_jobs');
    try {
      // Without its grant the jobs role cannot claim anything; the owner could have.
      expect(await relay.relayOutbox().then(() => 'ran', causeOf)).toMatch(/permission denied/);
      expect((await outboxRow(id)).attempts).toBe(0);
    } finally {
      await db.query('grant update (state, attempts, claimed_until, sent_at, dead_at, last_error) on event_outbox to app_jobs');
    }
    expect(await relay.relayOutbox()).toMatchObject({ sent: 1 });
    // And the role reaches nothing else.
    const reach = db.db.transaction(async (tx) => {
      await tx.execute(sql`set local role app_jobs`);
      await tx.execute(sql`select count(*) from users`);
    });
    expect(await reach.then(() => 'read users', causeOf)).toMatch(/permission denied/);
  });

  it('dead-letters an event after repeated failures: state dead, an error line, a notification', async () => {
    local.onLocalEvent('jobs/due-work.scheduled', async () => {
      throw new Error('downstream is down');
    });
    const id = await enqueueRaw(wsA, 'jobs/due-work.scheduled', {
      workspace_id: wsA,
      id: crypto.randomUUID(),
      due_at: new Date().toISOString(),
    });
    const logs = captureLogs();
    try {
      for (let i = 1; i < relay.OUTBOX_MAX_ATTEMPTS; i++) {
        expect(await relay.relayOutbox()).toMatchObject({ failed: 1, dead: 0 });
        expect(await outboxRow(id)).toMatchObject({ state: 'pending', attempts: i, last_error: 'downstream is down' });
      }
      expect(await relay.relayOutbox()).toMatchObject({ failed: 0, dead: 1 });
    } finally {
      logs.stop();
    }
    expect(await outboxRow(id)).toMatchObject({ state: 'dead', attempts: relay.OUTBOX_MAX_ATTEMPTS });
    expect(await relay.relayOutbox()).toMatchObject({ sent: 0, failed: 0, dead: 0 });
    expect(logs.lines.some((l) => l.level === 'ERROR' && l.msg === 'background job dead-lettered' && l.job_id === String(id))).toBe(true);
    const notes = await db.query<{ type: string }>(`select type from notifications where workspace_id = $1`, [wsA]);
    expect(notes.map((n) => n.type)).toContain('job_dead_letter');
  });

  it('an invalid payload or unknown event is dead at once, not retried ten times', async () => {
    const bad = await enqueueRaw(wsA, 'kb/article.saved', { article_id: 'not a number' });
    const unknown = await enqueueRaw(wsA, 'kb/nonsense', {});
    const logs = captureLogs();
    try {
      expect(await relay.relayOutbox()).toMatchObject({ dead: 2 });
    } finally {
      logs.stop();
    }
    expect(await outboxRow(bad)).toMatchObject({ state: 'dead', attempts: 1 });
    expect((await outboxRow(unknown)).last_error).toMatch(/unknown event/);
  });
});
