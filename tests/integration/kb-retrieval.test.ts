// Retrieval quality on the fixture (tests/fixtures/kb-retrieval): every question searched in
// its business's workspace, hit@1 / hit@3 / MRR overall and per kind of question, printed
// and written to test-results/kb-retrieval.json. Full-text only must reach hit@3 ≥ 0.85;
// the hybrid run (fake embeddings) must not be worse.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai-server';
import { onRealServer, setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { fixtureQuestions, loadRetrievalFixture, metricsByKind, systemActor, type Metrics } from './kb-search-fixtures';
import { searchKnowledgeBase } from '@/lib/kb/search/search-knowledge-base';
import { embedArticleChunks } from '@/lib/kb/indexing/embed-article';
import { resetEnvCache } from '@/lib/env';
import type { Database } from '@/lib/db/client';

const OUT = path.resolve(__dirname, '../../test-results/kb-retrieval.json');

let db: Database;
let fixture: Awaited<ReturnType<typeof loadRetrievalFixture>>;
const report: Record<string, unknown> = {};

interface Run {
  metrics: Record<string, Metrics>;
  misses: { q: string; kind: string; expected: string; rank: number | null; top3: (string | undefined)[] }[];
  semantic: boolean;
}

async function runQuestions(opts: { lexicon?: boolean } = {}): Promise<Run> {
  const rows: { kind: string; rank: number | null }[] = [];
  const misses: Run['misses'] = [];
  let semantic = false;
  for (const q of fixtureQuestions()) {
    const res = await searchKnowledgeBase(systemActor(fixture.workspaces[q.business]), { query: q.q, limit: 10, lexicon: opts.lexicon });
    semantic ||= res.semantic;
    const keys = res.results.map((r) => fixture.keyById.get(r.id));
    const i = keys.indexOf(q.expected);
    const rank = i >= 0 ? i + 1 : null;
    rows.push({ kind: q.kind, rank });
    if (rank !== 1) misses.push({ q: q.q, kind: q.kind, expected: q.expected, rank, top3: keys.slice(0, 3) });
  }
  return { metrics: metricsByKind(rows), misses, semantic };
}

function write() {
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, JSON.stringify({ generated_at: new Date().toISOString(), questions: fixtureQuestions().length, ...report }, null, 2));
}

beforeAll(async () => {
  db = await setupTestDatabase();
  fixture = await loadRetrievalFixture(db);
});
afterAll(async () => {
  write();
  await teardownTestDatabase();
});

describe('knowledge-base retrieval quality', () => {
  let fulltext: Run;

  it('full-text only (no embeddings configured): hit@3 ≥ 0.85', async () => {
    fulltext = await runQuestions();
    expect(fulltext.semantic).toBe(false);
    console.log('full-text retrieval');
    console.table(fulltext.metrics);
    report.fulltext = { metrics: fulltext.metrics, misses: fulltext.misses };
    expect(fulltext.metrics.overall.hit3).toBeGreaterThanOrEqual(0.85);
  });

  it('reports what the cross-language lexicon adds (no assertion)', async () => {
    const bare = await runQuestions({ lexicon: false });
    console.log('full-text retrieval without the lexicon');
    console.table(bare.metrics);
    report.fulltext_without_lexicon = { metrics: bare.metrics };
  });

  describe.skipIf(onRealServer)('hybrid (fake embeddings; needs pgvector, so PGlite only)', () => {
    let fake: FakeOpenAI;
    beforeAll(async () => {
      fake = await startFakeOpenAI();
      process.env.OPENAI_API_KEY = 'sk-test';
      process.env.OPENAI_BASE_URL = fake.url;
      resetEnvCache();
      for (const [id] of fixture.keyById) {
        const ws = (await db.query<{ workspace_id: string }>('select workspace_id from kb_articles where id = $1', [id]))[0].workspace_id;
        const r = await embedArticleChunks(id, ws);
        expect(r.skipped).toBeUndefined();
      }
    });
    afterAll(async () => {
      delete process.env.OPENAI_API_KEY;
      delete process.env.OPENAI_BASE_URL;
      resetEnvCache();
      await fake.close();
    });

    it('is not worse than full-text at hit@3', async () => {
      const hybrid = await runQuestions();
      expect(hybrid.semantic).toBe(true);
      console.log('hybrid retrieval (full-text + fake embeddings, RRF)');
      console.table(hybrid.metrics);
      report.hybrid = { metrics: hybrid.metrics, misses: hybrid.misses };
      expect(hybrid.metrics.overall.hit3).toBeGreaterThanOrEqual(fulltext.metrics.overall.hit3);
    });
  });
});
