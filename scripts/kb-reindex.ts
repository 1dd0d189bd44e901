// npm run kb:reindex [-- --workspace <id>] [-- --force]
// Backfills knowledge-base embeddings: every chunk without one (or embedded with another
// model), in every workspace or one; --force re-embeds everything. Each workspace is
// processed as the kb-indexer system actor bound to it, the same call the Inngest function
// and the in-process handler make.
import { SingleBar, Presets } from 'cli-progress';
import { sql } from 'drizzle-orm';
import { getDatabase, closeDatabase } from '@/lib/db/client';
import { withActor, queryRows } from '@/lib/db/actor';
import { embeddingsConfig } from '@/lib/ai/embeddings';
import { embedArticleChunks, embeddingIndexingEnabled, indexerActor } from '@/lib/kb/indexing/embed-article';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseArgs(argv: string[]) {
  const out: { workspace?: string; force: boolean } = { force: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--force') out.force = true;
    else if (a === '--workspace') out.workspace = argv[++i];
    else if (a.startsWith('--workspace=')) out.workspace = a.slice('--workspace='.length);
    else if (a === '--help' || a === '-h') {
      console.log('Usage: npm run kb:reindex -- [--workspace <workspace id>] [--force]');
      process.exit(0);
    } else throw new Error(`Unknown argument: ${a} (try --help)`);
  }
  if (out.workspace !== undefined && !UUID.test(out.workspace)) throw new Error('--workspace must be a workspace id (UUID)');
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const db = await getDatabase();
  const skipped = await embeddingIndexingEnabled();
  if (skipped === 'no_pgvector') {
    console.log('This database has no pgvector: semantic search is off and there is nothing to embed. Full-text search works without it.');
    return;
  }
  if (skipped === 'not_configured') {
    console.log('Embeddings are not configured: set OPENAI_API_KEY (and OPENAI_BASE_URL, EMBEDDINGS_MODEL for other providers).');
    return;
  }
  const model = embeddingsConfig()!.model;

  // Listing workspaces is the operator's view of the installation; the work itself runs
  // as each workspace's own system actor.
  const workspaces = args.workspace
    ? await db.query<{ id: string; name: string }>('select id, name from workspaces where id = $1', [args.workspace])
    : await db.query<{ id: string; name: string }>('select id, name from workspaces order by created_at, id');
  if (args.workspace && !workspaces.length) throw new Error(`No workspace ${args.workspace}`);

  const plan: { workspace: string; articles: { id: number; pending: number }[] }[] = [];
  for (const w of workspaces) {
    const articles = await withActor(indexerActor(w.id), (tx) =>
      queryRows<{ id: number; pending: number }>(
        tx,
        sql`select article_id as id, count(*)::int as pending from public.kb_chunks
            where workspace_id = ${w.id}::uuid
              and (${args.force} or embedding is null or embedded_at is null or embedding_model is distinct from ${model})
            group by article_id order by article_id`,
      ),
    );
    if (articles.length) plan.push({ workspace: w.id, articles: articles.map((a) => ({ id: Number(a.id), pending: Number(a.pending) })) });
  }
  const total = plan.reduce((n, p) => n + p.articles.reduce((m, a) => m + a.pending, 0), 0);
  console.log(
    `${db.kind}: ${total} chunk(s) to embed with ${model} in ${plan.length} of ${workspaces.length} workspace(s)${args.force ? ' (--force)' : ''}`,
  );
  if (!total) return;

  const bar = new SingleBar({ format: 'embedding {bar} {value}/{total} chunks | {percentage}% | ETA {eta_formatted}' }, Presets.shades_classic);
  bar.start(total, 0);
  let done = 0;
  let failed = 0;
  try {
    for (const p of plan) {
      for (const a of p.articles) {
        try {
          const r = await embedArticleChunks(a.id, p.workspace, {
            force: args.force,
            onProgress: (n) => bar.update(done + Math.min(n, a.pending)),
          });
          done += Math.max(r.embedded, a.pending);
        } catch (err) {
          failed += 1;
          done += a.pending;
          bar.stop();
          console.error(`article ${a.id} (workspace ${p.workspace}): ${(err as Error).message}`);
          bar.start(total, done);
        }
        bar.update(done);
      }
    }
  } finally {
    bar.stop();
  }
  console.log(failed ? `done with ${failed} article(s) failed; run again to retry them` : 'done');
  if (failed) process.exitCode = 1;
}

main()
  .catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  // PGlite keeps the process alive until it is closed.
  .finally(() => closeDatabase());
