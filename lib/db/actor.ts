// Who acts, and the one transaction they act in. Every tenant query runs inside
// withActor: a transaction that switches to the `authenticated` role and sets the
// JWT claims row-level security reads. A withActor called while another is open
// (in the same async flow) joins that transaction instead of opening a second one.
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import { getDb, type Tx } from './client';
import type { Role } from '@/lib/auth/permissions';

/** A signed-in person; `workspaceId` is the workspace the request acts in (RLS refuses every other one). */
export interface UserActor {
  kind: 'user';
  userId: string;
  workspaceId?: string;
  /** The member's role in `workspaceId` (set together with it). */
  role?: Role;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string;
}

/** A member of one workspace: user + workspace + role. */
export interface MemberActor extends UserActor {
  workspaceId: string;
  role: Role;
}

/** Webhooks, background jobs, the agent runtime: a named actor bound to exactly one workspace. */
export interface SystemActor {
  kind: 'system';
  name: string;
  workspaceId: string;
  requestId?: string;
}

/** What lib/ functions that load or change a workspace's data take. */
export type WorkspaceActor = MemberActor | SystemActor;
export type Actor = UserActor | SystemActor;

export function systemActor(name: string, workspaceId: string, requestId?: string): SystemActor {
  return { kind: 'system', name, workspaceId, requestId };
}

/** The person behind an actor (created_by, invited_by columns); system actors have none. */
export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

export function claimsFor(actor: Actor): Record<string, unknown> {
  return actor.kind === 'user'
    ? { sub: actor.userId, role: 'authenticated', actor: 'user', workspace_id: actor.workspaceId ?? null }
    : { sub: null, role: 'authenticated', actor: 'system', system_name: actor.name, workspace_id: actor.workspaceId };
}

// ---- the ambient transaction -------------------------------------------------

interface Root {
  hooks: Array<() => unknown>;
  /** Set once the outermost transaction has ended (committed or rolled back). */
  ended: boolean;
  /** A nested scope threw: the whole transaction must roll back even if the error was caught. */
  failed?: unknown;
}
interface Scope {
  tx: Tx;
  actor: Actor;
  claims: string;
  root: Root;
}

const g = globalThis as Record<string, unknown>;
const ambient: AsyncLocalStorage<Scope> = (g.__salesagentTxAls as AsyncLocalStorage<Scope>) ??
  (g.__salesagentTxAls = new AsyncLocalStorage<Scope>());

export class TransactionScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransactionScopeError';
  }
}

async function setClaims(tx: Tx, claims: string): Promise<void> {
  await tx.execute(sql`select set_config('request.jwt.claims', ${claims}, true)`);
}

function refuseOtherWorkspace(outer: Actor, actor: Actor): void {
  if (outer.workspaceId && actor.workspaceId && actor.workspaceId !== outer.workspaceId) {
    throw new TransactionScopeError(
      `withActor for workspace ${actor.workspaceId} called inside a transaction of workspace ${outer.workspaceId}; ` +
        'one transaction acts in one workspace — run it after this one commits (afterCommit)',
    );
  }
}

/**
 * Runs fn in a transaction as the actor. Inside another withActor it joins that
 * transaction: the same actor runs as is; an actor of the same workspace, or one
 * side without a workspace ("the user" narrowing to "the user in workspace X" or
 * widening back to read all their memberships), gets its claims for the nested
 * scope, restored afterwards; an actor of another workspace is refused — one
 * transaction never spans two tenants.
 *
 * PGlite has one connection: inside fn use only `tx` (or currentTx()); a
 * getDatabase().query() there waits for this transaction to end and never returns.
 */
export async function withActor<T>(actor: Actor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const outer = ambient.getStore();
  if (outer && !outer.root.ended) return join(outer, actor, fn);
  const db = await getDb();
  const claims = JSON.stringify(claimsFor(actor));
  const root: Root = { hooks: [], ended: false };
  let result: T;
  try {
    result = await db.transaction(async (tx) => {
      // One round trip: the claims and `set local role authenticated`.
      await tx.execute(sql`select set_config('request.jwt.claims', ${claims}, true), set_config('role', 'authenticated', true)`);
      const value = await ambient.run({ tx, actor, claims, root }, () => fn(tx));
      if (root.failed !== undefined) throw root.failed;
      return value;
    });
  } finally {
    root.ended = true;
  }
  await runHooks(root.hooks);
  return result;
}

async function join<T>(outer: Scope, actor: Actor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const claims = JSON.stringify(claimsFor(actor));
  const run = async (): Promise<T> => {
    try {
      return await fn(outer.tx);
    } catch (err) {
      outer.root.failed ??= err;
      throw err;
    }
  };
  if (claims === outer.claims) return ambient.run({ ...outer, actor }, run);
  refuseOtherWorkspace(outer.actor, actor);
  await setClaims(outer.tx, claims);
  try {
    return await ambient.run({ ...outer, actor, claims }, run);
  } finally {
    // After a failed statement the transaction is aborted and rolls back anyway.
    if (outer.root.failed === undefined) await setClaims(outer.tx, outer.claims);
  }
}

/**
 * For the rest of the current transaction scope, act as `actor` (the request wrapper
 * narrows "the user" to "the member of workspace X" once the caller is resolved, so
 * the handler's lib calls join without switching claims back and forth).
 */
export async function actAs(actor: Actor): Promise<void> {
  const scope = ambient.getStore();
  if (!scope || scope.root.ended) throw new TransactionScopeError('actAs() needs an open withActor transaction');
  refuseOtherWorkspace(scope.actor, actor);
  const claims = JSON.stringify(claimsFor(actor));
  if (claims !== scope.claims) await setClaims(scope.tx, claims);
  scope.actor = actor;
  scope.claims = claims;
}

async function runHooks(hooks: Array<() => unknown>): Promise<void> {
  for (const hook of hooks) {
    try {
      await hook();
    } catch (err) {
      // The transaction has committed; a failing hook must not turn that into an error.
      const { logger } = await import('@/lib/log/logger');
      logger.error({ err: err instanceof Error ? { name: err.name, message: err.message } : String(err) }, 'after-commit hook failed');
    }
  }
}

/**
 * Runs fn once the outermost transaction commits (relay the outbox, send mail,
 * notify listeners); never if it rolls back. Outside a transaction: runs now.
 */
export async function afterCommit(fn: () => unknown): Promise<void> {
  const scope = ambient.getStore();
  if (scope && !scope.root.ended) {
    scope.root.hooks.push(fn);
    return;
  }
  await runHooks([fn]);
}

/** The transaction the current async flow runs in, if any. */
export function currentTx(): Tx | undefined {
  const scope = ambient.getStore();
  return scope && !scope.root.ended ? scope.tx : undefined;
}

/** The actor of the current transaction scope, if any. */
export function currentActor(): Actor | undefined {
  const scope = ambient.getStore();
  return scope && !scope.root.ended ? scope.actor : undefined;
}

/**
 * Network calls (LLM, Telegram, SMTP) must not run while a transaction holds a
 * connection (and, on PGlite, the only one): call this first in every adapter.
 */
export function assertNoTransaction(what: string): void {
  if (currentTx()) {
    throw new TransactionScopeError(`${what} must not run inside a database transaction; schedule it with afterCommit()`);
  }
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
  // Called from inside a request's transaction (e.g. "sign out everywhere" revoking refresh
  // tokens): join it as app_auth for fn, then switch back. A second transaction would wait
  // forever on PGlite's single connection.
  const outer = ambient.getStore();
  if (outer && !outer.root.ended) {
    await outer.tx.execute(sql.raw(`select set_config('request.jwt.claims', '', true), set_config('role', '${AUTH_ROLE}', true)`));
    try {
      return await fn(outer.tx);
    } catch (err) {
      outer.root.failed ??= err;
      throw err;
    } finally {
      if (outer.root.failed === undefined) {
        await outer.tx.execute(sql`select set_config('request.jwt.claims', ${outer.claims}, true), set_config('role', 'authenticated', true)`);
      }
    }
  }
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
