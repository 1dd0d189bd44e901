// Every tenant query runs inside withActor: a transaction that switches to the
// `authenticated` role and sets the JWT claims row-level security reads.
import { sql } from 'drizzle-orm';
import { getDb, type Tx } from './client';

export type Actor =
  | {
      kind: 'user';
      userId: string;
      /** The workspace the request acts in; RLS refuses every other one. */
      workspaceId?: string;
      ip?: string | null;
      userAgent?: string | null;
      requestId?: string;
    }
  | {
      /** Webhooks and background jobs: a named actor bound to exactly one workspace. */
      kind: 'system';
      name: string;
      workspaceId: string;
      requestId?: string;
    };

export function claimsFor(actor: Actor): Record<string, unknown> {
  return actor.kind === 'user'
    ? { sub: actor.userId, role: 'authenticated', actor: 'user', workspace_id: actor.workspaceId ?? null }
    : { sub: null, role: 'authenticated', actor: 'system', system_name: actor.name, workspace_id: actor.workspaceId };
}

// PGlite has one connection: inside fn use only `tx`; a getDatabase().query() there
// waits for this transaction to end and never returns.
export async function withActor<T>(actor: Actor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('request.jwt.claims', ${JSON.stringify(claimsFor(actor))}, true)`);
    await tx.execute(sql`set local role authenticated`);
    return fn(tx);
  });
}

/** The database role of the auth module (supabase/migrations/20261127000100_database_wall.sql). */
export const AUTH_ROLE = 'app_auth';

/**
 * The auth module's transaction: it must find a user by email before anyone is
 * authenticated, and it alone touches credentials and token tables. It runs as the
 * NOLOGIN role app_auth, whose grants and policies cover exactly that, never as the
 * connection's owner. Nothing outside lib/auth may call this.
 */
export async function withAuthService<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('request.jwt.claims', '', true)`);
    await tx.execute(sql.raw(`set local role ${AUTH_ROLE}`));
    return fn(tx);
  });
}

/** Raw SQL inside a transaction, typed rows (both drivers return { rows }). */
export async function queryRows<T>(tx: Tx, query: import('drizzle-orm').SQL): Promise<T[]> {
  const res = (await tx.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}
