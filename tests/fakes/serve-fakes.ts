// Standalone fakes of outside systems for Playwright / local runs:
//   npx tsx tests/fakes/serve-fakes.ts
// starts them on free 127.0.0.1 ports, prints ONE JSON line to stdout, e.g.
//   {"telegram":"http://127.0.0.1:41234"}
// and stays up until killed (SIGTERM / SIGINT close the servers).
// Fake Telegram accepts any well-formed bot token except `0:…` (401); see telegram-server.ts
// for its control endpoints (/__control/sent, /__control/calls, /__control/reset).
import { startFakeTelegram } from './telegram-server';

async function main(): Promise<void> {
  const telegram = await startFakeTelegram({ acceptAnyToken: true });
  const urls: Record<string, string> = { telegram: telegram.url };
  process.stdout.write(`${JSON.stringify(urls)}\n`);
  const stop = async () => {
    await telegram.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

void main().catch((err) => {
  process.stderr.write(`serve-fakes failed: ${String(err)}\n`);
  process.exit(1);
});
