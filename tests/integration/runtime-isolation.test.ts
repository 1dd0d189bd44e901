// The database wall around what the agent runtime writes (migration 20261129000100): trigger
// runs, unanswered questions and synonyms are visible and writable only inside their workspace,
// through SQL as the authenticated role (members) and as another workspace's agent runtime; the
// columns nobody should rewrite (workspace, creator, the quota counters) have no UPDATE grant;
// the quota functions serve only the agent runtime of their own workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../helpers/api';
import { asAuthenticated, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { disableRateLimits, type TestUser } from './agents-fixtures';

const TABLES = ['trigger_runs', 'kb_unanswered_questions', 'kb_synonyms'] as const;

let db: Database;
let A: TestUser;
let B: TestUser;
let aConversation: string;
let aTrigger: string;

const member = (u: TestUser) => ({ sub: u.userId, role: 'authenticated', workspace_id: u.workspaceId });
const runtime = (u: TestUser) => ({ sub: null, role: 'authenticated', actor: 'system', system_name: 'agent-runtime', workspace_id: u.workspaceId });

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  [A, B] = await Promise.all([registerUser({ company_name: 'A Кухни' }), registerUser({ company_name: 'B Окна' })]);
  for (const u of [A, B]) {
    const [{ id: client }] = await db.query<{ id: string }>(`insert into clients (workspace_id, name) values ($1, 'Клиент') returning id`, [u.workspaceId]);
    const [{ id: conversation }] = await db.query<{ id: string }>(
      `insert into conversations (workspace_id, client_id) values ($1, $2) returning id`,
      [u.workspaceId, client],
    );
    const [{ id: agent }] = await db.query<{ id: string }>(
      `insert into agents (workspace_id, name, model, system_instructions) values ($1, 'Агент', 'gpt-4.1', 'Отвечай кратко') returning id`,
      [u.workspaceId],
    );
    const [{ id: trigger }] = await db.query<{ id: string }>(
      `insert into triggers (workspace_id, agent_id, name, condition) values ($1, $2, 'Цена', 'спрашивает цену') returning id`,
      [u.workspaceId, agent],
    );
    await db.query(`insert into trigger_runs (workspace_id, trigger_id, conversation_id, runs_count) values ($1, $2, $3, 1)`, [u.workspaceId, trigger, conversation]);
    await db.query(
      `insert into kb_unanswered_questions (workspace_id, agent_id, conversation_id, question, question_key) values ($1, $2, $3, 'Есть доставка?', 'есть доставка')`,
      [u.workspaceId, agent, conversation],
    );
    await db.query(`insert into kb_synonyms (workspace_id, term, synonyms) values ($1, 'восьмерка', '{зуб мудрости}')`, [u.workspaceId]);
    if (u === A) [aConversation, aTrigger] = [conversation, trigger];
  }
});
afterAll(teardownTestDatabase);

/** One committed statement under the claims (asAuthenticated rolls back). */
async function commitAs(claims: Record<string, unknown>, text: string, params: unknown[] = []) {
  const client = db.pool ? await db.pool.connect() : undefined;
  const q = async (t: string, p?: unknown[]) => (client ? ((await client.query(t, p)).rows as Record<string, unknown>[]) : db.query(t, p));
  await q('begin');
  try {
    await q(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
    await q('set local role authenticated');
    const rows = await q(text, params);
    await q('commit');
    return rows;
  } catch (err) {
    await q('rollback');
    throw err;
  } finally {
    client?.release();
  }
}

describe('rows of one workspace', () => {
  it.each(TABLES)('%s: A reads its own rows; B, and B’s agent runtime, read only theirs', async (table) => {
    const mine = await asAuthenticated(db, member(A), (q) => q(`select workspace_id from ${table}`));
    expect(mine.length, 'positive control').toBeGreaterThan(0);
    expect(mine.every((r) => r.workspace_id === A.workspaceId)).toBe(true);
    for (const claims of [member(B), runtime(B)]) {
      const rows = await asAuthenticated(db, claims, (q) => q(`select workspace_id from ${table}`));
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.workspace_id === B.workspaceId)).toBe(true);
    }
  });

  const SET: Record<(typeof TABLES)[number], string> = {
    trigger_runs: 'runs_count = 99',
    kb_unanswered_questions: `question = 'взлом'`,
    kb_synonyms: `term = 'взлом'`,
  };

  it.each(TABLES)('%s: B can neither change nor delete A’s rows', async (table) => {
    const changed = await asAuthenticated(db, member(B), async (q) => [
      ...(await q(`update ${table} set ${SET[table]} where workspace_id = $1 returning 1`, [A.workspaceId])),
      ...(await q(`delete from ${table} where workspace_id = $1 returning 1`, [A.workspaceId])),
    ]);
    expect(changed).toEqual([]);
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from ${table} where workspace_id = $1`, [A.workspaceId]);
    expect(n).toBe(1);
  });

  it('B cannot insert into A’s workspace, nor point its own rows at A’s conversation or trigger', async () => {
    await expect(
      asAuthenticated(db, member(B), (q) => q(`insert into kb_synonyms (workspace_id, term, synonyms) values ($1, 'x', '{y}')`, [A.workspaceId])),
    ).rejects.toThrow(/row-level security/);
    const [{ id: bConversation }] = await db.query<{ id: string }>(`select id from conversations where workspace_id = $1`, [B.workspaceId]);
    const [{ id: bTrigger }] = await db.query<{ id: string }>(`select id from triggers where workspace_id = $1`, [B.workspaceId]);
    for (const [trigger, conversation] of [
      [aTrigger, bConversation],
      [bTrigger, aConversation],
    ]) {
      await expect(
        asAuthenticated(db, runtime(B), (q) =>
          q(`insert into trigger_runs (workspace_id, trigger_id, conversation_id) values ($1, $2, $3)`, [B.workspaceId, trigger, conversation]),
        ),
      ).rejects.toThrow(/foreign key/);
    }
    await expect(
      asAuthenticated(db, runtime(B), (q) =>
        q(`insert into kb_unanswered_questions (workspace_id, conversation_id, question, question_key) values ($1, $2, 'x', 'x')`, [
          B.workspaceId,
          aConversation,
        ]),
      ),
    ).rejects.toThrow(/foreign key/);
  });
});

describe('columns and functions nobody may misuse', () => {
  it('the workspace of a row and the quota counters have no UPDATE grant for members', async () => {
    for (const sql of [
      `update kb_synonyms set workspace_id = workspace_id`,
      `update kb_unanswered_questions set workspace_id = workspace_id`,
      `update trigger_runs set conversation_id = conversation_id`,
      `update workspaces set ai_responses_used = 0`,
      `update workspaces set quota_notified_at = null`,
      `update agents set workspace_id = workspace_id`,
      `update agents set total_messages = 0`,
      `update notifications set data = '{}'`,
      `update notifications set type = 'new_lead'`,
    ]) {
      await expect(asAuthenticated(db, member(A), (q) => q(sql)), sql).rejects.toThrow(/permission denied/);
    }
  });

  it('an agent’s settings and a notification’s read state stay updatable', async () => {
    const rows = await asAuthenticated(db, member(A), async (q) => [
      ...(await q(`update agents set kb_only = true, name = 'Агент 2' where workspace_id = $1 returning id`, [A.workspaceId])),
      ...(await q(`update notifications set is_read = true, read_at = now() where workspace_id = $1 returning id`, [A.workspaceId])),
    ]);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('only the agent runtime of the workspace counts, refunds and marks the quota', async () => {
    for (const fn of ['count_ai_response', 'refund_ai_response', 'mark_quota_notified']) {
      await expect(asAuthenticated(db, member(A), (q) => q(`select app.${fn}($1::uuid)`, [A.workspaceId])), fn).rejects.toThrow(/agent-runtime/);
      await expect(asAuthenticated(db, runtime(B), (q) => q(`select app.${fn}($1::uuid)`, [A.workspaceId])), fn).rejects.toThrow(/agent-runtime/);
    }
    const used = async () => (await db.query<{ used: number }>(`select ai_responses_used as used from workspaces where id = $1`, [A.workspaceId]))[0].used;
    const before = await used();
    const [{ counted }] = await commitAs(runtime(A), `select app.count_ai_response($1::uuid) as counted`, [A.workspaceId]);
    expect(counted).toBe(true);
    expect(await used()).toBe(before + 1);
    const [{ refunded }] = await commitAs(runtime(A), `select app.refund_ai_response($1::uuid) as refunded`, [A.workspaceId]);
    expect(refunded).toBe(true);
    expect(await used()).toBe(before);
  });

  it('the quota is marked once per exhaustion, and a counted response clears the mark', async () => {
    await db.query(`update workspaces set ai_responses_used = ai_responses_limit where id = $1`, [B.workspaceId]);
    const mark = () => commitAs(runtime(B), `select app.mark_quota_notified($1::uuid) as first`, [B.workspaceId]);
    expect((await mark())[0].first).toBe(true);
    expect((await mark())[0].first).toBe(false);
    await db.query(`update workspaces set ai_responses_limit = ai_responses_limit + 2 where id = $1`, [B.workspaceId]);
    const [{ counted }] = await commitAs(runtime(B), `select app.count_ai_response($1::uuid) as counted`, [B.workspaceId]);
    expect(counted).toBe(true);
    expect((await mark())[0].first, 'not exhausted any more: nothing to mark').toBe(false);
    await db.query(`update workspaces set ai_responses_used = ai_responses_limit where id = $1`, [B.workspaceId]);
    expect((await mark())[0].first, 'the next exhaustion is marked again').toBe(true);
  });
});
