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

/** A workspace signed up through the form: its URL slug, its id (the x-tenant-id header) and the owner's e-mail. */
export type Workspace = { slug: string; tenant: string; email: string };

/** Signs up through the register form (the page ends on the new workspace's overview). */
export async function signUp(page: Page, tag: string, fullName: string, company: string): Promise<Workspace> {
  const email = uniqueEmail(tag);
  await page.goto('/register');
  await register(page, email, fullName, company);
  const slug = new URL(page.url()).pathname.split('/')[2]!;
  const { workspaces } = (await (await page.request.get('/api/workspaces')).json()) as { workspaces: { id: string; slug: string }[] };
  return { slug, tenant: workspaces.find((w) => w.slug === slug)!.id, email };
}

/** An API call in the workspace with the page's session; fails the test on any status ≥ 300. */
export async function api(page: Page, tenant: string, method: 'get' | 'post' | 'put' | 'patch', url: string, data?: unknown) {
  const res = await page.request[method](url, { headers: { 'x-tenant-id': tenant }, ...(data === undefined ? {} : { data }) });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

/** The phone repair shop's site, the only origin its web chat accepts. */
export const SHOP = 'https://shop.example.kz';

/**
 * The phone repair shop several specs start from, seeded through the app's own API (the forms are
 * clicked through in agents-kb and integrations): the "Замена экрана iPhone" article, and on request
 * an agent ("Консультант") and the web chat connected for SHOP.
 */
export async function seedRepairShop(
  page: Page,
  ws: Workspace,
  opts: { agent?: Record<string, unknown>; activeAgent?: boolean; webChat?: boolean } = {},
) {
  const { category } = await api(page, ws.tenant, 'post', '/api/kb/categories', { name: 'Ремонт' });
  const { article } = await api(page, ws.tenant, 'post', '/api/kb/articles', {
    title: 'Замена экрана iPhone',
    content: 'Замена экрана на iPhone 13 стоит от 25 000 до 45 000 тенге и занимает около часа. Даём гарантию 6 месяцев.',
    categories: [category.id],
  });
  let agentId = '';
  if (opts.agent) {
    const { agent } = await api(page, ws.tenant, 'post', '/api/agents', {
      name: 'Консультант',
      system_instructions: 'Ты — вежливый консультант сервиса ремонта телефонов. Отвечай кратко.',
    });
    agentId = agent.id;
    if (Object.keys(opts.agent).length) await api(page, ws.tenant, 'patch', `/api/agents/${agentId}`, opts.agent);
    if (opts.activeAgent) {
      // On every channel and every stage of the default pipeline, switched on.
      const { pipelines } = await api(page, ws.tenant, 'get', '/api/pipelines');
      const pipeline = (pipelines as { id: string; is_default: boolean }[]).find((p) => p.is_default)!;
      await api(page, ws.tenant, 'put', `/api/agents/${agentId}/pipelines`, { pipelines: [{ pipeline_id: pipeline.id, is_active: true, all_stages: true }] });
      await api(page, ws.tenant, 'put', `/api/agents/${agentId}/channels`, { all_channels: true });
      await api(page, ws.tenant, 'patch', `/api/agents/${agentId}/toggle`, { is_active: true });
    }
  }
  let widgetKey = '';
  if (opts.webChat) {
    const connected = await api(page, ws.tenant, 'post', '/api/integrations/web_chat/connect', { name: 'Сайт', allowed_origins: [SHOP] });
    widgetKey = connected.public_key as string;
  }
  return { articleId: String(article.id), agentId, widgetKey };
}

/** A visitor of the shop's site writes through the web chat's public API; returns the visitor token. */
export async function visitorSays(page: Page, widgetKey: string, text: string, token?: string): Promise<string> {
  const headers = { origin: SHOP };
  let visitor = token;
  if (!visitor) {
    const s = await page.request.post(`/api/widget/${widgetKey}/session`, { headers, data: {} });
    expect(s.status(), await s.text()).toBe(200);
    visitor = (await s.json()).visitor_token as string;
  }
  const res = await page.request.post(`/api/widget/${widgetKey}/messages`, {
    headers,
    data: { visitor_token: visitor, text, client_message_id: `m-${Date.now()}-${Math.random()}` },
  });
  expect(res.status(), await res.text()).toBe(202);
  return visitor!;
}
