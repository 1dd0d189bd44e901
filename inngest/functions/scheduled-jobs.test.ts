// The production path of scheduled work under @inngest/test: each cron function runs its job
// through the same scheduled_jobs row as the in-process runner — the outcome and next window
// are recorded, and a job another runner holds is not run twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InngestTestEngine } from '@inngest/test';
import { setupTestDatabase, teardownTestDatabase } from '@/tests/helpers/db';
import type { Database } from '@/lib/db/client';
import { cleanupCron, kbEmbeddingsCron } from './scheduled-jobs';

let db: Database;
beforeAll(async () => {
  db = await setupTestDatabase();
});
afterAll(async () => {
  await teardownTestDatabase();
});

const timer = [{ name: 'inngest/scheduled.timer', data: {} }] as [{ name: string; data: Record<string, unknown> }];

describe('scheduled work as Inngest cron functions', () => {
  it('run on the seed-000 schedules', () => {
    const triggers = (fn: unknown) => (fn as { opts: { triggers: { cron: string }[] } }).opts.triggers;
    expect(triggers(cleanupCron)).toEqual([{ cron: '0 0 * * 0' }]);
    expect(triggers(kbEmbeddingsCron)).toEqual([{ cron: '0 */6 * * *' }]);
  });

  it('the weekly clean-up runs when Inngest says so, even before the row’s own next window, and records it', async () => {
    await db.query(`update scheduled_jobs set next_run_at = now() + interval '3 days' where name = 'cleanup'`);
    const run = await new InngestTestEngine({ function: cleanupCron }).execute({ events: timer });
    expect(run.result).toMatchObject({ status: 'ok', error: null });
    const [row] = await db.query<{ last_status: string; runs: number; next_run_at: Date }>(`select * from scheduled_jobs where name = 'cleanup'`);
    expect(row).toMatchObject({ last_status: 'ok', runs: 1 });
    expect(new Date(row.next_run_at).getUTCDay()).toBe(0);
  });

  it('a job still held by another runner is not started again', async () => {
    await db.query(`update scheduled_jobs set claimed_until = now() + interval '10 minutes' where name = 'kb_embeddings'`);
    const run = await new InngestTestEngine({ function: kbEmbeddingsCron }).execute({ events: timer });
    expect(run.result).toEqual({ status: 'already_running' });
    await db.query(`update scheduled_jobs set claimed_until = null where name = 'kb_embeddings'`);
    const again = await new InngestTestEngine({ function: kbEmbeddingsCron }).execute({ events: timer });
    // No embeddings provider in tests: it says why it did nothing.
    expect(again.result).toMatchObject({ status: 'skipped', result: { reason: expect.stringMatching(/not_configured|no_pgvector/) } });
  });
});
