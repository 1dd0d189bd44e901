// Request overhead: an authenticated request resolves its caller and runs its handler
// in ONE transaction (counted by wrapping the database's transaction()), and on the
// single-instance embedded default the per-user limits live in memory, not in a table.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { resetLimiters } from '@/lib/ratelimit/limits';
import { INSTRUCTIONS, newAgent, type TestUser } from './agents-fixtures';

let db: Database;
let A: TestUser;
let agentId: string;
let transactions = 0;

beforeAll(async () => {
  process.env.RATE_LIMIT_DISABLED = 'true';
  db = await setupTestDatabase();
  A = await registerUser();
  agentId = (await newAgent(A.token)).id;
  // Count every transaction the app opens from here on.
  const original = db.db.transaction.bind(db.db);
  db.db.transaction = ((...args: Parameters<typeof original>) => {
    transactions++;
    return original(...args);
  }) as typeof original;
});
afterAll(teardownTestDatabase);
afterEach(() => {
  delete process.env.RATE_LIMIT_READ_PER_MIN;
  process.env.RATE_LIMIT_DISABLED = 'true';
  resetEnvCache();
  resetLimiters();
});

async function countTransactions(fn: () => Promise<{ status: number }>, status = 200) {
  transactions = 0;
  const res = await fn();
  expect(res.status).toBe(status);
  return transactions;
}

describe('one transaction per authenticated request', () => {
  it.each([
    ['GET /api/agents (list)', () => api('GET', '/api/agents', { token: A.token })],
    ['GET /api/agents/:id (detail with every sub-resource)', () => api('GET', `/api/agents/${agentId}`, { token: A.token })],
    ['GET /api/kb/articles', () => api('GET', '/api/kb/articles', { token: A.token })],
    ['GET /api/team', () => api('GET', '/api/team', { token: A.token })],
    ['GET /api/user/profile (no workspace permission)', () => api('GET', '/api/user/profile', { token: A.token })],
    ['PATCH /api/agents/:id (a JSON write)', () => api('PATCH', `/api/agents/${agentId}`, { token: A.token, body: { name: 'Renamed' } })],
  ])('%s opens exactly one', async (_name, call) => {
    expect(await countTransactions(call)).toBe(1);
  });

  it('a write that fails half-way leaves nothing behind (the one transaction rolls back)', async () => {
    const before = await db.query('select 1 from audit_log where workspace_id = $1', [A.workspaceId]);
    const res = await api('POST', '/api/agents', { token: A.token, body: { name: 'x'.repeat(300), system_instructions: INSTRUCTIONS } });
    expect(res.status).toBe(400);
    const after = await db.query('select 1 from audit_log where workspace_id = $1', [A.workspaceId]);
    expect(after.length).toBe(before.length);
  });
});

describe('per-user rate limits on the embedded default', () => {
  it('are enforced from memory: 429 after the limit, and no counter rows written', async () => {
    delete process.env.RATE_LIMIT_DISABLED;
    process.env.RATE_LIMIT_READ_PER_MIN = '3';
    resetEnvCache();
    resetLimiters();
    await db.query('delete from app.rate_limits');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api('GET', '/api/agents', { token: A.token })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(await db.query('select 1 from app.rate_limits')).toHaveLength(0);
  });
});
