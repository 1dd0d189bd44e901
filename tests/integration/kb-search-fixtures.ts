// Helpers for the knowledge-base search tests: workspaces, categories and articles written
// straight to the database as a system actor, with chunks built by the CRUD side's
// rebuildArticleChunks (the same code that indexes articles in the app).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { withActor, queryRows, type Actor } from '@/lib/db/actor';
import { rebuildArticleChunks } from '@/lib/kb/indexing/rebuild-chunks';

export const systemActor = (workspaceId: string): Actor => ({ kind: 'system', name: 'kb-search-test', workspaceId });

/**
 * The fixtures' own system actor may write the knowledge base (its job: seeding it). System
 * actors have only the rights listed in app.system_actor_rights, so the tests register it.
 */
async function registerFixtureActor(db: Database): Promise<void> {
  await db.query(
    `insert into app.system_actor_rights (system_name, table_name, access)
     select 'kb-search-test', c.relname, 'write' from pg_class c
     where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and c.relname like 'kb\\_%'
     on conflict do nothing`,
  );
}

export async function createWorkspace(db: Database, name: string): Promise<string> {
  await registerFixtureActor(db);
  const [row] = await db.query<{ id: string }>('insert into workspaces (name) values ($1) returning id', [name]);
  return row.id;
}

export async function createCategory(workspaceId: string, name: string, parentId?: string): Promise<string> {
  return withActor(systemActor(workspaceId), async (tx) => {
    const id = crypto.randomUUID();
    let parentPath = '/';
    let level = 0;
    if (parentId) {
      const [p] = await queryRows<{ path: string; level: number }>(tx, sql`select path, level from kb_categories where id = ${parentId}::uuid`);
      parentPath = p.path;
      level = Number(p.level) + 1;
    }
    await tx.execute(sql`insert into kb_categories (id, workspace_id, name, parent_id, path, level)
      values (${id}::uuid, ${workspaceId}::uuid, ${name}, ${parentId ?? null}::uuid, ${`${parentPath}${id}/`}, ${level})`);
    return id;
  });
}

export interface ArticleInput {
  title: string;
  content: string;
  isActive?: boolean;
  categoryIds?: string[];
  relatedIds?: number[];
}

export async function createArticle(workspaceId: string, a: ArticleInput): Promise<number> {
  return withActor(systemActor(workspaceId), async (tx) => {
    const [row] = await queryRows<{ id: number }>(
      tx,
      sql`insert into kb_articles (workspace_id, title, content, is_active)
          values (${workspaceId}::uuid, ${a.title}, ${a.content}, ${a.isActive ?? true}) returning id`,
    );
    const id = Number(row.id);
    for (const c of a.categoryIds ?? []) {
      await tx.execute(sql`insert into kb_article_categories (workspace_id, article_id, category_id) values (${workspaceId}::uuid, ${id}, ${c}::uuid)`);
    }
    for (const r of a.relatedIds ?? []) {
      await tx.execute(sql`insert into kb_article_relations (workspace_id, article_id, related_article_id) values (${workspaceId}::uuid, ${id}, ${r})`);
    }
    await rebuildArticleChunks(tx, id);
    return id;
  });
}

export async function updateArticleContent(workspaceId: string, id: number, content: string): Promise<void> {
  await withActor(systemActor(workspaceId), async (tx) => {
    await tx.execute(sql`update kb_articles set content = ${content}, updated_at = now() where id = ${id}`);
    await rebuildArticleChunks(tx, id);
  });
}

export async function addFile(workspaceId: string, articleId: number, fileName: string, text: string): Promise<string> {
  return withActor(systemActor(workspaceId), async (tx) => {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`insert into kb_article_files (workspace_id, article_id, file_name, file_type, file_url, file_size, extracted_text)
          values (${workspaceId}::uuid, ${articleId}, ${fileName}, 'text/plain', ${`test/${fileName}`}, ${text.length}, ${text})
          returning id::text`,
    );
    await rebuildArticleChunks(tx, articleId);
    return row.id;
  });
}

// --- the retrieval fixture

export interface FixtureArticle {
  key: string;
  business: string;
  lang: string;
  category: string;
  title: string;
  content: string;
}
export interface FixtureQuestion {
  q: string;
  business: string;
  expected: string;
  kind: string;
}

/** `tuned`: the set search was tuned on; `heldout`: two other businesses, written before tuning and never tuned on. */
export type FixtureSet = 'tuned' | 'heldout';
const FIXTURES: Record<FixtureSet, string> = {
  tuned: path.resolve(__dirname, '../fixtures/kb-retrieval'),
  heldout: path.resolve(__dirname, '../fixtures/kb-retrieval-heldout'),
};
export const fixtureArticles = (set: FixtureSet = 'tuned'): FixtureArticle[] =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES[set], 'articles.json'), 'utf8'));
export const fixtureQuestions = (set: FixtureSet = 'tuned'): FixtureQuestion[] =>
  JSON.parse(fs.readFileSync(path.join(FIXTURES[set], 'questions.json'), 'utf8'));

/** One workspace per business, its categories and articles; returns workspace ids and article id → key. */
export async function loadRetrievalFixture(db: Database, set: FixtureSet = 'tuned') {
  const workspaces: Record<string, string> = {};
  const keyById = new Map<number, string>();
  const articles = fixtureArticles(set);
  for (const business of [...new Set(articles.map((a) => a.business))]) {
    const ws = await createWorkspace(db, business);
    workspaces[business] = ws;
    const categories = new Map<string, string>();
    for (const a of articles.filter((x) => x.business === business)) {
      if (!categories.has(a.category)) categories.set(a.category, await createCategory(ws, a.category));
      const id = await createArticle(ws, { title: a.title, content: a.content, categoryIds: [categories.get(a.category)!] });
      keyById.set(id, a.key);
    }
  }
  return { workspaces, keyById };
}

export interface Metrics {
  n: number;
  hit1: number;
  hit3: number;
  mrr: number;
}

export function metrics(ranks: (number | null)[]): Metrics {
  const n = ranks.length;
  const hit = (k: number) => ranks.filter((r) => r !== null && r <= k).length / n;
  const mrr = ranks.reduce<number>((acc, r) => acc + (r ? 1 / r : 0), 0) / n;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { n, hit1: round(hit(1)), hit3: round(hit(3)), mrr: round(mrr) };
}

/** Metrics overall and per question kind. */
export function metricsByKind(rows: { kind: string; rank: number | null }[]): Record<string, Metrics> {
  const out: Record<string, Metrics> = { overall: metrics(rows.map((r) => r.rank)) };
  for (const kind of [...new Set(rows.map((r) => r.kind))].sort()) {
    out[kind] = metrics(rows.filter((r) => r.kind === kind).map((r) => r.rank));
  }
  return out;
}
