// lib/ functions take an actor, not an HTTP caller: the agent runtime and webhooks
// call the same functions as a named system actor bound to one workspace, and that
// actor can neither see nor change another workspace's rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import type { Database } from '@/lib/db/client';
import { systemActor, withActor } from '@/lib/db/actor';
import { agents } from '@/lib/db/schema/agents';
import { createAgent } from '@/lib/agents/create-agent';
import { listAgents } from '@/lib/agents/list-agents';
import { getAgent } from '@/lib/agents/get-agent';
import { deleteAgent } from '@/lib/agents/delete-agent';
import { updateAgent } from '@/lib/agents/update-agent';
import { listAgentsQuery } from '@/lib/agents/schemas';
import { createArticle } from '@/lib/kb/articles/create-article';
import { updateArticle } from '@/lib/kb/articles/update-article';
import { listArticles } from '@/lib/kb/articles/list-articles';
import { listArticlesQuery } from '@/lib/kb/articles/schemas';
import { inviteMember } from '@/lib/team/invite-member';
import { listTeam } from '@/lib/team/list-team';
import { createCategory } from '@/lib/kb/categories/create-category';
import { disableRateLimits, INSTRUCTIONS, LIB_TEST_ACTOR, newAgent, newCategory, registerLibTestActor, type TestUser } from './agents-fixtures';
import { api } from '../helpers/api';

let db: Database;
let A: TestUser;
let B: TestUser;
let bAgent: { id: string };
let bArticle: { id: number };
const content = 'Замена экрана за один час, гарантия полгода.';

beforeAll(async () => {
  disableRateLimits();
  db = await setupTestDatabase();
  await registerLibTestActor(db);
  A = await registerUser({ company_name: 'A Repairs' });
  B = await registerUser({ company_name: 'B Builders' });
  bAgent = await newAgent(B.token, { name: 'B agent' });
  const bCat = await newCategory(db, B.workspaceId);
  bArticle = (await api('POST', '/api/kb/articles', { token: B.token, body: { title: 'B article', content, categories: [bCat] } })).body.article;
});
afterAll(teardownTestDatabase);

describe('a system actor of workspace A', () => {
  // A system actor registered with the rights of the job these calls do (agents-fixtures.ts).
  const runtime = () => systemActor(LIB_TEST_ACTOR, A.workspaceId);

  it('creates and lists agents and knowledge-base articles in A, recorded as itself', async () => {
    const agent = await createAgent(runtime(), { name: 'Runtime agent', system_instructions: INSTRUCTIONS });
    const list = await listAgents(runtime(), listAgentsQuery.parse({}));
    expect(list.agents.map((a) => a.name)).toEqual(['Runtime agent']);
    const cat = await createCategory(runtime(), { name: 'Runtime' });
    const article = await createArticle(runtime(), { title: 'Runtime article', content, categories: [cat.id] });
    const articles = await listArticles(runtime(), listArticlesQuery.parse({}));
    expect(articles.articles.map((a) => a.title)).toEqual(['Runtime article']);

    const [row] = await db.query<{ workspace_id: string; created_by: string | null }>(
      'select workspace_id, created_by from agents where id = $1',
      [agent.id],
    );
    expect(row).toEqual({ workspace_id: A.workspaceId, created_by: null });
    const audit = await db.query<{ actor: string; user_id: string | null }>(
      "select actor, user_id from audit_log where entity_id = $1 and action = 'create_kb_article'",
      [String(article.id)],
    );
    expect(audit).toEqual([{ actor: `system:${LIB_TEST_ACTOR}`, user_id: null }]);
    // A member of A sees what the runtime created.
    const viaApi = await api('GET', '/api/agents', { token: A.token });
    expect(viaApi.body.agents.map((a: { name: string }) => a.name)).toEqual(['Runtime agent']);
  });

  it("cannot read, change or delete workspace B's agent or article (404, B's rows untouched)", async () => {
    await expect(getAgent(runtime(), bAgent.id)).rejects.toMatchObject({ status: 404 });
    await expect(updateAgent(runtime(), bAgent.id, { name: 'Hijacked' })).rejects.toMatchObject({ status: 404 });
    await expect(deleteAgent(runtime(), bAgent.id)).rejects.toMatchObject({ status: 404 });
    await expect(updateArticle(runtime(), bArticle.id, { title: 'Hijacked' })).rejects.toMatchObject({ status: 404 });
    const [agent] = await db.query<{ name: string }>('select name from agents where id = $1', [bAgent.id]);
    expect(agent.name).toBe('B agent');
    const [article] = await db.query<{ title: string }>('select title from kb_articles where id = $1', [bArticle.id]);
    expect(article.title).toBe('B article');
  });

  it("cannot write into B even below lib/: row-level security refuses the row", async () => {
    await expect(
      withActor(runtime(), (tx) =>
        tx.insert(agents).values({ workspaceId: B.workspaceId, name: 'Smuggled', systemInstructions: INSTRUCTIONS, model: 'gpt-4o-mini' }),
      ),
    ).rejects.toThrow();
    const rows = await db.query("select 1 from agents where name = 'Smuggled'");
    expect(rows).toHaveLength(0);
  });

  it('a known actor without the right is refused: the agent runtime does not create agents', async () => {
    await expect(
      createAgent(systemActor('agent-runtime', A.workspaceId), { name: 'Not its job', system_instructions: INSTRUCTIONS }),
    ).rejects.toThrow();
    await expect(
      createAgent(systemActor('unregistered-name', A.workspaceId), { name: 'Not its job', system_instructions: INSTRUCTIONS }),
    ).rejects.toThrow();
    expect(await db.query("select 1 from agents where name = 'Not its job'")).toHaveLength(0);
  });

  it('has the narrow rights of its job: it cannot invite members or see pending invitations', async () => {
    await expect(inviteMember(runtime(), { email: 'new@example.com', role: 'admin' })).rejects.toMatchObject({ status: 403 });
    const team = await listTeam(runtime());
    expect(team.invitations).toEqual([]);
    // People's rows are not a system actor's business either.
    expect(team.members).toEqual([]);
  });
});
