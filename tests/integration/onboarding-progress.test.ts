// The overview's "getting started" checklist reads the workspace's real data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { createArticle, createCategory } from '../helpers/kb';
import type { Database } from '@/lib/db/client';
import type { MemberActor } from '@/lib/db/actor';
import { getOnboardingProgress } from '@/lib/workspaces/get-onboarding-progress';

let db: Database;
beforeAll(async () => {
  process.env.RATE_LIMIT_DISABLED = '1';
  db = await setupTestDatabase();
});
afterAll(async () => {
  delete process.env.RATE_LIMIT_DISABLED;
  await teardownTestDatabase();
});

function callerOf(user: Awaited<ReturnType<typeof registerUser>>): MemberActor {
  return { kind: 'user', userId: user.userId, workspaceId: user.workspaceId, role: 'owner' };
}

describe('getOnboardingProgress', () => {
  it('ticks off the agent, the knowledge base and the team as they are done, in this workspace only', async () => {
    const owner = await registerUser();
    const other = await registerUser();
    const caller = callerOf(owner);
    expect(await getOnboardingProgress(caller)).toEqual({ agent: false, knowledge: false, team: false, channel: false });

    // Another workspace's data does not count.
    await api('POST', '/api/agents', { token: other.token, body: { name: 'Theirs', system_instructions: 'Sell phone repairs politely.' } });
    expect((await getOnboardingProgress(caller)).agent).toBe(false);

    await api('POST', '/api/agents', { token: owner.token, body: { name: 'Ours', system_instructions: 'Sell phone repairs politely.' } });
    const cat = await createCategory(owner.token, { name: 'Prices' });
    await createArticle(owner.token, { title: 'Screen repair', content: 'Screen repair takes one hour.', categories: [cat.id] });
    expect(await getOnboardingProgress(caller)).toEqual({ agent: true, knowledge: true, team: false, channel: false });

    await api('POST', '/api/team/invitations', { token: owner.token, body: { email: 'mate@example.com', role: 'member' } });
    expect((await getOnboardingProgress(caller)).team).toBe(true);
  });
});
