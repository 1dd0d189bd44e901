// The jobs layer's own transactions: the NOLOGIN role app_jobs, which may only claim and
// finish outbox events and due work (see 20261127000500_jobs_due_work.sql). Never the
// connection owner. Handlers then act as the system actor of the row's workspace.
import { sql } from 'drizzle-orm';
import { getDb, type Tx } from '@/lib/db/client';
import type { Actor } from '@/lib/db/actor';

export type SystemActor = Extract<Actor, { kind: 'system' }>;

/** Work handed to an event or due-work handler: the workspace comes from the row, never the payload. */
export type JobContext = { workspaceId: string; actor: SystemActor } | { workspaceId: null; actor: null };

export function jobContext(workspaceId: string | null, name: string, requestId?: string): JobContext {
  if (!workspaceId) return { workspaceId: null, actor: null };
  return { workspaceId, actor: { kind: 'system', name, workspaceId, ...(requestId ? { requestId } : {}) } };
}

export async function withJobsRole<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local role app_jobs`);
    return fn(tx);
  });
}

export async function jobsRows<T>(tx: Tx, query: import('drizzle-orm').SQL): Promise<T[]> {
  return ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
}
