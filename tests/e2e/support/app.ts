// Shared end-to-end helpers: screenshots, console watching and the account steps, by data-testid.
import { expect, type Page } from '@playwright/test';

export const SHOTS = 'test-results/screenshots';
export const PASSWORD = 'Kx7#north-wind-42';

export function uniqueEmail(tag: string) {
  return `e2e-${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

/** Console errors (hydration mismatches, missing messages) fail the test at the end. */
export function watchConsole(page: Page) {
  const errors: string[] = [];
  page.on('console', (msg) => {
    // Failed requests are reported below with their URL instead.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(msg.text());
  });
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`${res.status()} ${res.request().method()} ${res.url()}`);
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

/**
 * Waits for what a screenshot needs instead of half a second of network silence: the document
 * loaded, fonts loaded, images decoded, no skeleton or `aria-busy` list left, and a visible main
 * heading (every page has an h1). Twice in a row on animation frames, so a list that is about to
 * refetch is caught.
 */
export async function settle(page: Page) {
  await page.waitForLoadState('load');
  await page.evaluate(() => {
    (window as unknown as { __settled?: number }).__settled = 0;
    return document.fonts.ready.then(() => undefined);
  });
  await page
    .waitForFunction(
      () => {
        const w = window as unknown as { __settled?: number };
        const ready =
          document.fonts.status === 'loaded' &&
          !document.querySelector('[aria-busy="true"], [data-slot="skeleton"]') &&
          Array.from(document.images).every((i) => i.complete) &&
          Array.from(document.querySelectorAll('h1')).some((h) => h.checkVisibility());
        w.__settled = ready ? (w.__settled ?? 0) + 1 : 0;
        return w.__settled >= 2;
      },
      undefined,
      { polling: 'raf', timeout: 60_000 },
    )
    .catch(async (err: Error) => {
      const busy = await page.evaluate(() => ({
        busy: Array.from(document.querySelectorAll('[aria-busy="true"], [data-slot="skeleton"]')).map((e) => e.outerHTML.slice(0, 120)),
        h1: Array.from(document.querySelectorAll('h1')).map((h) => `${h.textContent} visible=${h.checkVisibility()}`),
      }));
      throw new Error(`page did not settle at ${page.url()}: ${JSON.stringify(busy)}\n${err.message}`);
    });
}

/** A full-page screenshot after checking no untranslated message key leaked into the page. */
export async function shoot(page: Page, name: string) {
  await settle(page);
  const text = await page.locator('body').innerText();
  expect(text, `untranslated key on ${name}`).not.toMatch(/\b(common|nav|auth|dashboard|profile|settings|team|audit)\.[a-z][A-Za-z_]*(\.[A-Za-z_]+)+/);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, animations: 'disabled' });
}

export async function register(page: Page, email: string, fullName: string, company: string) {
  await page.getByTestId('register-full-name').fill(fullName);
  await page.getByTestId('register-company-name').fill(company);
  await page.getByTestId('register-email').fill(email);
  await page.getByTestId('register-password').fill(PASSWORD);
  await page.getByTestId('register-submit').click();
  await page.waitForURL(/\/w\/[a-z0-9-]+$/);
  await expect(page.getByTestId('card-plan')).toBeVisible();
}

export async function login(page: Page, email: string) {
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/w\/[a-z0-9-]+$/);
}

// A 16×16 gradient PNG (real magic bytes, so the server's type check accepts it).
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAABzUlEQVR4nAXBoQ6AIBRAUT7RRHAmEjMYHOklRzAwEskZDI70otFoJJLvx3iOGQfcwDywDshAHEgDZeAcuAd04Bl4B76BNtAHzGhxltmyWsQSLclSLKfltqjlsbyWz9Is3WLGCTcxT6wTMhEn0kSZOCfuCZ14Jt6Jb6JN9AkzOpxjdqwOcURHchTH6bgd6ngcr+NzNEd3mNHjPLNn9YgnepKneE7P7VHP43k9n6d5useMC25hXlgXZCEupIWycC7cC7rwLLwL30Jb6AtmDLjAHFgDEoiBFCiBM3AHNPAE3sAXaIEeMKPghFlYBRGikIQinMItqPAIr/AJTeiCGTfcxryxbshG3EgbZePcuDd049l4N76NttE3zLjjduaddUd24k7aKTvnzr2jO8/Ou/PttJ2+Y8aMy8yZNSOZmEmZkjkzd0YzT+bNfJmW6RkzFlxhLqwFKcRCKpTCWbgLWngKb+ErtEIvmPHAHcwH64EcxIN0UA7Og/tAD56D9+A7aAf9wIwX7mK+WC/kIl6ki3JxXtwXevFcvBffRbvoF2asuMpcWStSiZVUKZWzcle08lTeyldplV4xo+KUWVkVUaKSlKKcyq2o8iiv8ilN6coPemXvEFj/iF8AAAAASUVORK5CYII=',
  'base64',
);

export async function logout(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.waitForURL('**/login');
}
