// End-to-end tests against a running server (the test runner script starts it; no webServer here).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  // Spec files run side by side (each signs up its own people); tests inside a file in order.
  workers: Number(process.env.E2E_WORKERS ?? 1),
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  outputDir: 'test-results/playwright',
  // scripts/test.mjs reads the JSON report to count results.
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/playwright.json' }]],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3100',
    // Our users are in Russia and Kazakhstan: the browser asks for Russian first.
    locale: 'ru-RU',
    timezoneId: 'Asia/Almaty',
    viewport: { width: 1440, height: 900 },
    // A failed test keeps its trace: actions, DOM snapshots, network and sources, but no screencast.
    // The screencast made Chromium encode every frame of every test for traces that are thrown away
    // on success: it doubled the browser's GPU process CPU (crm-clients: 55 s → 29 s; the browser
    // process 28 s → 17 s), CPU the PostgreSQL lane beside the browser tests needs.
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
