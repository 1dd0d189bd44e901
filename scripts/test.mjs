#!/usr/bin/env node
// `npm test`: unit + integration tests (Vitest, real PGlite), then the production build, then
// end-to-end tests (Playwright + Chromium) against it with — when TEST_DATABASE_URL is set —
// the integration tests again on that real PostgreSQL running beside them.
//   --unit-only   skip the browser tests      --e2e-only   only the browser tests
//   --no-build    reuse an existing .next build
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const args = new Set(process.argv.slice(2));
// Spec files named after the flags run alone (e.g. `--e2e-only --no-build tests/e2e/crm.spec.ts`).
const specs = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
fs.mkdirSync('test-results', { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };

function run(cmd, cmdArgs, env = {}) {
  console.log(`\n$ ${[cmd, ...cmdArgs].join(' ')}`);
  const merged = { ...process.env, ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: merged });
  return r.status ?? 1;
}

function countVitest(file) {
  try {
    const j = JSON.parse(fs.readFileSync(file, 'utf8'));
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests;
    totals.skipped += j.numPendingTests + (j.numTodoTests ?? 0);
  } catch {
    totals.failed += 1;
  }
}

function countPlaywright(file) {
  try {
    const j = JSON.parse(fs.readFileSync(file, 'utf8'));
    totals.passed += j.stats.expected;
    totals.failed += j.stats.unexpected + (j.stats.flaky ?? 0);
    totals.skipped += j.stats.skipped;
  } catch {
    totals.failed += 1;
  }
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  try {
    const r = spawnSync(process.execPath, ['-e', "console.log(require('playwright-core').chromium.executablePath())"], { encoding: 'utf8' });
    const p = r.stdout.trim();
    if (p && fs.existsSync(p)) return p;
  } catch {}
  return null;
}

function ensureChromium() {
  let found = findChromium();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (isRoot && hasApt) {
    console.log('No Chromium found; installing Debian chromium with apt-get');
    run('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium']);
    found = findChromium();
    if (found) return found;
  }
  console.error(
    '\nNo Chromium found for the end-to-end tests. Install one and run npm test again:\n' +
      '  sudo apt-get update && sudo apt-get install -y chromium        (Debian/Ubuntu)\n' +
      '  or: npx playwright install chromium                             (developer laptops)\n' +
      '  or: CHROMIUM_PATH=/path/to/chrome npm test\n',
  );
  process.exit(1);
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(url, child, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server not ready at ${url}`);
}

/** Starts tests/fakes/serve-fakes.ts; it prints one JSON line of base URLs, then stays up. */
async function startFakes() {
  const none = { urls: {}, stop: () => {} };
  if (!fs.existsSync('tests/fakes/serve-fakes.ts')) return none;
  const child = spawn('npx', ['tsx', 'tests/fakes/serve-fakes.ts'], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
  };
  process.on('exit', stop);
  const urls = await new Promise((resolve) => {
    let buf = '';
    const timer = setTimeout(() => resolve(null), 30_000);
    child.stdout.on('data', (chunk) => {
      buf += chunk;
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(buf.slice(0, nl)));
        } catch {
          resolve(null);
        }
      }
    });
    child.on('exit', () => resolve(null));
  });
  if (!urls) {
    console.error('The fake Telegram/WhatsApp servers did not start; browser tests that need them will fail.');
    stop();
    return none;
  }
  console.log(`Fakes: ${JSON.stringify(urls)}`);
  return { urls, stop };
}

async function e2e(beside) {
  const chromium = ensureChromium();
  if (!args.has('--no-build') || !fs.existsSync('.next/BUILD_ID')) {
    // A clean clone (CI) has no build cache to reuse: don't spend the build writing one.
    const cache = fs.existsSync('.next/cache') ? {} : { NEXT_BUILD_CACHE: 'off' };
    if (run('npx', ['next', 'build'], cache) !== 0) {
      totals.failed += 1;
      return;
    }
  }
  // Fake Telegram/WhatsApp servers (tests/fakes/serve-fakes.ts) the app talks to instead of the real ones.
  const fakes = await startFakes();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesagent-e2e-'));
  const logFile = path.join('test-results', 'e2e-server.log');
  const out = fs.openSync(logFile, 'w');
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    NODE_ENV: 'production',
    APP_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: '',
    OPENAI_API_KEY: '',
    LOG_LEVEL: 'info',
    // One person clicking through a screenshot matrix reads the board far more often than anyone
    // does by hand: the default 120 reads/min answered 429 once browsers got faster. The limiter
    // itself is tested in the integration tests; the auth limiter still runs here (client-ip.spec).
    RATE_LIMIT_READ_PER_MIN: process.env.RATE_LIMIT_READ_PER_MIN ?? '600',
    ...(fakes.urls.telegram ? { TELEGRAM_API_URL: fakes.urls.telegram } : {}),
    ...(fakes.urls.whatsapp ? { WHATSAPP_API_URL: fakes.urls.whatsapp } : {}),
  };
  // Through server.mjs, like `npm start`: it records the socket address the app limits by.
  const server = spawn(process.execPath, ['server.mjs', '-p', String(port), '-H', '127.0.0.1'], {
    env,
    stdio: ['ignore', out, out],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {}
    fakes.stop();
  };
  process.on('exit', stop);
  let besideDone = null;
  try {
    await waitReady(`http://127.0.0.1:${port}/api/health/ready`, server);
    besideDone = beside ? beside() : null;
    const code = run('npx', ['playwright', 'test', ...specs], {
      E2E_BASE_URL: `http://127.0.0.1:${port}`,
      E2E_SERVER_LOG: path.resolve(logFile),
      CHROMIUM_PATH: chromium,
      PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/playwright.json',
      // One browser at a time: two at once made each test ~3x slower on 2 cores (software GPU).
      E2E_WORKERS: process.env.E2E_WORKERS ?? '1',
      E2E_FAKE_TELEGRAM_URL: fakes.urls.telegram,
      E2E_FAKE_WHATSAPP_URL: fakes.urls.whatsapp,
    });
    countPlaywright('test-results/playwright.json');
    if (code !== 0 && totals.failed === 0) totals.failed += 1;
  } catch (err) {
    console.error(String(err));
    console.error(fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n'));
    totals.failed += 1;
  } finally {
    await besideDone;
    stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const pgLane = Boolean(process.env.TEST_DATABASE_URL) && !args.has('--e2e-only');
const PG_LANE_ARGS = ['vitest', 'run', 'tests/integration', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest-pg.json'];

// The PostgreSQL lane beside the browser tests: one browser leaves part of a core idle, and the
// lane's single vitest worker fits there. Its output goes to a file, printed when it ends.
let pgLaneStarted = false;
function startPgLane() {
  pgLaneStarted = true;
  const log = path.join('test-results', 'vitest-pg.log');
  console.log(`\nIntegration tests again on the real PostgreSQL server in TEST_DATABASE_URL (beside the browser tests; output in ${log})`);
  const out = fs.openSync(log, 'w');
  const child = spawn('npx', PG_LANE_ARGS, { stdio: ['ignore', out, out] });
  return new Promise((resolve) =>
    child.on('exit', () => {
      const text = fs.readFileSync(log, 'utf8');
      const failed = /\bfailed\b/.test(text.split('\n').slice(-12).join('\n'));
      console.log(`\n--- PostgreSQL lane (${log}) ---`);
      console.log(failed ? text : text.split('\n').slice(-15).join('\n'));
      countVitest('test-results/vitest-pg.json');
      resolve();
    }),
  );
}

if (!args.has('--e2e-only')) {
  // The first lane is always the embedded PGlite, whatever TEST_DATABASE_URL says. Nothing else
  // runs beside it, so it takes every core (vitest's default leaves one idle: one worker on a
  // 2-core machine); each file has its own in-memory database.
  const workers = String(Math.max(1, os.availableParallelism()));
  run('npx', ['vitest', 'run', `--maxWorkers=${workers}`, '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json'], {
    TEST_DATABASE_URL: undefined,
  });
  countVitest('test-results/vitest.json');
  if (pgLane && args.has('--unit-only')) {
    console.log(`\nIntegration tests again on the real PostgreSQL server in TEST_DATABASE_URL`);
    run('npx', PG_LANE_ARGS);
    countVitest('test-results/vitest-pg.json');
  }
}
if (!args.has('--unit-only')) {
  await e2e(pgLane ? startPgLane : null);
  // The browser tests could not start (build or server failed): the lane still runs.
  if (pgLane && !pgLaneStarted) await startPgLane();
}

console.log(`\nSummary: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
