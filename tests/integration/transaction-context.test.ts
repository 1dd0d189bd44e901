// One transaction context: a lib function called inside another's transaction joins
// it (on PGlite's single connection a second transaction used to wait forever; on
// PostgreSQL it committed on its own), after-commit hooks run once the outermost
// transaction commits and never on rollback, and no network call runs inside one.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { startFakeSmtp } from '../fakes/smtp-server';
import type { Database } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { resetMailTransport, sendMail } from '@/lib/mail/send-mail';
import {
  afterCommit,
  assertNoTransaction,
  currentTx,
  queryRows,
  systemActor,
  TransactionScopeError,
  withActor,
  type MemberActor,
} from '@/lib/db/actor';
import { createAgent } from '@/lib/agents/create-agent';
import { listAgents } from '@/lib/agents/list-agents';
import { getAgent } from '@/lib/agents/get-agent';
import { listAgentsQuery } from '@/lib/agents/schemas';
import { inviteMember } from '@/lib/team/invite-member';
import { disableRateLimits, INSTRUCTIONS, LIB_TEST_ACTOR, registerLibTestActor, type TestUser } from './agents-fixtures';

let db: Database;
let A: TestUser;
let B: TestUser;
let owner: MemberActor;

/** A nested transaction on PGlite's one connection used to wait forever: fail fast instead. */
function within<T>(p: Promise<T>, ms = 15_000): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms))]);
}

const agentNames = async (workspaceId: string) =>
  (await db.query<{ name: string }>('select name from agents where workspace_id = $1 order by name', [workspaceId])).map((r) => r.name);

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  await registerLibTestActor(db);
  A = await registerUser();
  B = await registerUser();
  owner = { kind: 'user', userId: A.userId, workspaceId: A.workspaceId, role: 'owner' };
});
afterAll(teardownTestDatabase);

describe('nesting', () => {
  it('a lib function called inside a transaction joins it and sees its uncommitted rows', async () => {
    const sys = systemActor(LIB_TEST_ACTOR, A.workspaceId);
    const names = await within(
      withActor(sys, async () => {
        await createAgent(sys, { name: 'Nested one', system_instructions: INSTRUCTIONS });
        // Another lib call in the same transaction sees the row before anything commits.
        return (await listAgents(sys, listAgentsQuery.parse({}))).agents.map((a) => a.name);
      }),
    );
    expect(names).toEqual(['Nested one']);
    expect(await agentNames(A.workspaceId)).toContain('Nested one');
  });

  it('when the outer transaction fails, the nested call rolls back with it', async () => {
    const sys = systemActor(LIB_TEST_ACTOR, A.workspaceId);
    await expect(
      within(
        withActor(sys, async () => {
          await createAgent(sys, { name: 'Rolled back', system_instructions: INSTRUCTIONS });
          throw new Error('later step failed');
        }),
      ),
    ).rejects.toThrow('later step failed');
    expect(await agentNames(A.workspaceId)).not.toContain('Rolled back');
  });

  it('a nested failure that the outer code swallows still rolls the whole transaction back', async () => {
    const sys = systemActor(LIB_TEST_ACTOR, A.workspaceId);
    await expect(
      within(
        withActor(sys, async () => {
          await createAgent(sys, { name: 'Half done', system_instructions: INSTRUCTIONS });
          await getAgent(sys, crypto.randomUUID()).catch(() => null);
          return 'carried on';
        }),
      ),
    ).rejects.toMatchObject({ status: 404 });
    expect(await agentNames(A.workspaceId)).not.toContain('Half done');
  });

  it('a member joining a system transaction of the same workspace acts under its own claims, restored afterwards', async () => {
    const sys = systemActor(LIB_TEST_ACTOR, A.workspaceId);
    const seen = await within(
      withActor(sys, async (tx) => {
        const claim = async (t = tx) =>
          (await queryRows<{ actor: string; sub: string | null }>(t, sql`select auth.jwt() ->> 'actor' as actor, auth.jwt() ->> 'sub' as sub`))[0];
        const before = await claim();
        const inner = await withActor(owner, (t) => claim(t));
        const after = await claim();
        return { before, inner, after };
      }),
    );
    expect(seen.before).toEqual({ actor: 'system', sub: null });
    expect(seen.inner).toEqual({ actor: 'user', sub: A.userId });
    expect(seen.after).toEqual({ actor: 'system', sub: null });
  });

  it('an actor of another workspace is refused inside the transaction, with a clear error', async () => {
    const sysA = systemActor(LIB_TEST_ACTOR, A.workspaceId);
    const sysB = systemActor(LIB_TEST_ACTOR, B.workspaceId);
    const err = await within(
      withActor(sysA, () => createAgent(sysB, { name: 'Cross tenant', system_instructions: INSTRUCTIONS })),
    ).catch((e) => e);
    expect(err).toBeInstanceOf(TransactionScopeError);
    expect(String(err.message)).toMatch(/one transaction acts in one workspace/);
    expect(await agentNames(B.workspaceId)).not.toContain('Cross tenant');
  });
});

describe('after-commit hooks', () => {
  it('run once, after the OUTERMOST transaction commits, and see the committed rows', async () => {
    const C = await registerUser();
    const sys = systemActor(LIB_TEST_ACTOR, C.workspaceId);
    const calls: string[] = [];
    let seenByHook: string[] = [];
    await within(
      withActor(sys, async () => {
        await withActor(sys, async () => {
          await createAgent(sys, { name: 'Hooked', system_instructions: INSTRUCTIONS });
          await afterCommit(async () => {
            calls.push('hook');
            // Outside any transaction now: a separate query sees the committed row.
            expect(currentTx()).toBeUndefined();
            seenByHook = await agentNames(C.workspaceId);
          });
          calls.push('inner done');
        });
        calls.push('outer done');
      }),
    );
    expect(calls).toEqual(['inner done', 'outer done', 'hook']);
    expect(seenByHook).toContain('Hooked');
  });

  it('never run when the transaction rolls back', async () => {
    const sys = systemActor(LIB_TEST_ACTOR, A.workspaceId);
    let ran = false;
    await expect(
      withActor(sys, async () => {
        await withActor(sys, () => afterCommit(() => (ran = true)));
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(ran).toBe(false);
  });

  it('outside a transaction, run at once', async () => {
    let ran = false;
    await afterCommit(() => (ran = true));
    expect(ran).toBe(true);
  });
});

describe('no network call inside a transaction', () => {
  it('assertNoTransaction refuses inside withActor and passes outside', async () => {
    expect(() => assertNoTransaction('Telegram sendMessage')).not.toThrow();
    const err = await withActor(systemActor(LIB_TEST_ACTOR, A.workspaceId), async () => {
      try {
        assertNoTransaction('Telegram sendMessage');
        return null;
      } catch (e) {
        return e;
      }
    }).catch((e) => e);
    expect(err).toBeInstanceOf(TransactionScopeError);
    expect(String((err as Error).message)).toMatch(/Telegram sendMessage must not run inside a database transaction/);
  });

  it('sendMail refuses to run inside a transaction', async () => {
    await expect(
      withActor(systemActor(LIB_TEST_ACTOR, A.workspaceId), () => sendMail({ to: 'x@example.com', subject: 's', text: 't' })),
    ).rejects.toBeInstanceOf(TransactionScopeError);
  });

  it('an invitation mail goes out after commit, and not at all when the surrounding transaction rolls back', async () => {
    const smtp = await startFakeSmtp();
    process.env.SMTP_URL = smtp.url;
    resetEnvCache();
    resetMailTransport();
    try {
      await inviteMember(owner, { email: 'first@example.com', role: 'member' });
      expect(smtp.mails.map((m) => m.to)).toEqual([['first@example.com']]);

      await expect(
        withActor(owner, async () => {
          await inviteMember(owner, { email: 'second@example.com', role: 'member' });
          throw new Error('the rest of the request failed');
        }),
      ).rejects.toThrow('the rest of the request failed');
      expect(smtp.mails).toHaveLength(1);
      const pending = await db.query("select 1 from invitations where email = 'second@example.com'");
      expect(pending).toHaveLength(0);
    } finally {
      delete process.env.SMTP_URL;
      resetEnvCache();
      resetMailTransport();
      await smtp.close();
    }
  });
});
