// Readiness: database reachable and migrated, and which optional services are configured.
// Anonymous probes get only the status (see readiness-access.ts): the list of
// configured services tells an attacker what to look for.
import { getDatabase } from '@/lib/db/client';
import { pendingMigrations } from '@/lib/db/migrate';
import { getEnv } from '@/lib/env';
import { mailMode } from '@/lib/mail/send-mail';
import { countDeadJobs } from '@/lib/jobs/list-dead-jobs';
import { rateLimitStore } from '@/lib/ratelimit/limits';

export const VERSION = process.env.npm_package_version ?? '0.1.0';

export async function readiness() {
  const env = getEnv();
  const services = {
    llm: Boolean(env.OPENAI_API_KEY),
    embeddings: Boolean(env.OPENAI_API_KEY),
    semantic_search: false,
    smtp: Boolean(env.SMTP_URL),
    /** smtp | log (development) | off: production without SMTP sends no mail at all. */
    mail: mailMode(env),
    storage: env.SUPABASE_URL && env.SUPABASE_SERVICE_ROLE_KEY ? 'supabase' : 'local',
    inngest: Boolean(env.INNGEST_EVENT_KEY || env.INNGEST_DEV),
    rate_limit_store: rateLimitStore(),
  };
  try {
    const db = await getDatabase();
    const started = performance.now();
    await db.query('select 1');
    const latency = Math.round(performance.now() - started);
    const pending = await pendingMigrations(db);
    services.semantic_search = db.vectorAvailable && services.embeddings;
    const ready = pending.length === 0;
    // Dead letters do not make the app unready, but whoever watches readiness should see them.
    const jobs = ready ? await countDeadJobs().catch(() => null) : null;
    return {
      status: ready ? 'ready' : 'not_ready',
      ready,
      version: VERSION,
      database: { ok: true, driver: db.kind, latency_ms: latency, pending_migrations: pending, pgvector: db.vectorAvailable },
      services,
      jobs,
    };
  } catch {
    return { status: 'not_ready', ready: false, version: VERSION, database: { ok: false }, services };
  }
}
