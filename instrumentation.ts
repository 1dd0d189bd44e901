// Server start-up: open the database (migrations apply themselves) and, without
// Inngest, relay outbox events in-process on a timer and run due work in-process.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getEnv } = await import('@/lib/env');
  getEnv(); // a wrong variable stops the server here, naming it
  const { getDatabase } = await import('@/lib/db/client');
  const { logger } = await import('@/lib/log/logger');
  const { authSecret } = await import('@/lib/auth/secret');
  authSecret();
  const { ensureEncryptionKey } = await import('@/lib/crypto/secrets');
  ensureEncryptionKey(); // generated into the data folder once in the embedded default
  const db = await getDatabase();
  logger.info({ driver: db.kind, pgvector: db.vectorAvailable }, 'database ready');
  const { inngestConfigured } = await import('@/lib/jobs/inngest-client');
  if (!inngestConfigured()) {
    const { registerLocalHandlers } = await import('@/lib/jobs/register-local-handlers');
    await registerLocalHandlers();
    const { relayOutbox } = await import('@/lib/jobs/relay-outbox');
    const g = globalThis as Record<string, unknown>;
    if (!g.__salesagentRelayTimer) {
      g.__salesagentRelayTimer = setInterval(() => {
        relayOutbox().catch((err) => logger.error({ err }, 'outbox relay failed'));
      }, 15_000);
      (g.__salesagentRelayTimer as NodeJS.Timeout).unref?.();
    }
    const { registerDueHandlers } = await import('@/lib/jobs/due-work/register-due-handlers');
    await registerDueHandlers();
    const { startDueRunner } = await import('@/lib/jobs/due-work/runner');
    startDueRunner();
  }
  // TELEGRAM_MODE=polling (local development without a public URL): getUpdates loops.
  const { startTelegramPolling } = await import('@/lib/channels/telegram/poll-updates');
  startTelegramPolling();
}
