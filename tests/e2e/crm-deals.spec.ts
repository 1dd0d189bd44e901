// Deals board end to end: seed a client and two deals through the API, drag one between stages
// with the mouse and see it stay after a reload, edit the context and the price in the side panel
// and see them on the timeline, then lose a race to another writer (409) and see the panel recover.
// Screenshots of the board, the table, the panel and the conversations list.
import fs from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { SHOTS, register, settle, uniqueEmail } from './support/app';

const STATE = 'test-results/crm-deals-state.json';
let slug = '';
let tenant = '';

/** Console errors and failed requests, except the 409s this file provokes on purpose. */
function watchConsole(page: Page) {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(msg.text());
  });
  page.on('response', (res) => {
    const path = new URL(res.url()).pathname;
    if (res.status() === 409 && res.request().method() === 'PATCH' && path.startsWith('/api/conversations/')) return;
    if (res.status() >= 400) errors.push(`${res.status()} ${res.request().method()} ${res.url()}`);
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

async function shoot(page: Page, name: string) {
  await settle(page);
  await page.mouse.move(0, 0);
  const text = await page.locator('body').innerText();
  expect(text, `untranslated key on ${name}`).not.toMatch(/\b(deals|errors|common|nav|dashboard)\.[a-z][A-Za-z_]*(\.[A-Za-z_]+)+/);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, animations: 'disabled' });
}

async function apiPost(page: Page, url: string, data: unknown) {
  const res = await page.request.post(url, { headers: { 'x-tenant-id': tenant }, data });
  expect(res.status(), `${url}: ${await res.text()}`).toBe(201);
  return res.json();
}

async function dragTo(page: Page, card: ReturnType<Page['locator']>, target: ReturnType<Page['locator']>) {
  await card.scrollIntoViewIfNeeded();
  const from = (await card.boundingBox())!;
  const to = (await target.boundingBox())!;
  // dnd-kit listens to real pointer moves: press, nudge past the activation distance, travel, release.
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 4, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + 90, { steps: 20 });
  await page.mouse.up();
}

const column = (page: Page, code: string) => page.locator(`[data-testid=board-column][data-stage-code=${code}]`);

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto('/register');
  await register(page, uniqueEmail('deals'), 'Асель Нурланова', 'Сервис «Смартфон»');
  slug = new URL(page.url()).pathname.split('/')[2];
  const ws = (await (await page.request.get('/api/workspaces')).json()).workspaces as { id: string; slug: string }[];
  tenant = ws.find((w) => w.slug === slug)!.id;
  await ctx.storageState({ path: STATE });
  await ctx.close();
});

test.use({ storageState: async ({}, use) => use(fs.existsSync(STATE) ? STATE : undefined) });

test('deals: drag between stages, edit the context and price in the panel, recover from a stale edit', async ({ page }) => {
  test.setTimeout(240_000);
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });

  // A client and two deals, through the API (default pipeline, first stage "new").
  const { client } = await apiPost(page, '/api/clients', { name: 'Айгерим Сейтова', phone: '8 (701) 123-45-67' });
  const screen = (await apiPost(page, '/api/conversations', { client_id: client.id, title: 'Замена экрана', price: 45000, tags: ['срочно'] })).conversation;
  await apiPost(page, '/api/conversations', { client_id: client.id, title: 'Замена батареи', price: 18000 });

  await page.goto(`/w/${slug}/deals`);
  await expect(column(page, 'new').getByTestId('deal-card')).toHaveCount(2);
  await expect(column(page, 'new').getByTestId('column-count')).toHaveText('2');

  // Drag "Замена экрана" from "new" to "quoted" with the mouse.
  const card = column(page, 'new').getByTestId('deal-card').filter({ hasText: 'Замена экрана' });
  await dragTo(page, card, column(page, 'quoted'));
  await expect(column(page, 'quoted').getByTestId('deal-card').filter({ hasText: 'Замена экрана' })).toBeVisible();
  await expect(column(page, 'new').getByTestId('deal-card')).toHaveCount(1);
  await page.waitForLoadState('networkidle');

  // It stays there after a reload (the server has it).
  await page.reload();
  await expect(column(page, 'quoted').getByTestId('deal-card').filter({ hasText: 'Замена экрана' })).toBeVisible();
  await expect(column(page, 'new').getByTestId('deal-card')).toHaveCount(1);

  // Someone else moves "Замена батареи" to "qualifying" while this board still shows it in "new":
  // dragging it here sends the old version, gets 409, and the card goes where the server has it.
  const battery = (await (await page.request.get(`/api/conversations?client_id=${client.id}`, { headers: { 'x-tenant-id': tenant } })).json()).data.find(
    (d: { title: string }) => d.title === 'Замена батареи',
  );
  const qualifying = (await (await page.request.get('/api/pipelines', { headers: { 'x-tenant-id': tenant } })).json()).pipelines[0].stages.find(
    (st: { code: string }) => st.code === 'qualifying',
  );
  const moved = await page.request.patch(`/api/conversations/${battery.id}`, {
    headers: { 'x-tenant-id': tenant },
    data: { version: battery.version, stage_id: qualifying.id },
  });
  expect(moved.status(), await moved.text()).toBe(200);
  await dragTo(page, column(page, 'new').getByTestId('deal-card').filter({ hasText: 'Замена батареи' }), column(page, 'quoted'));
  await expect(page.getByText('уже переместил кто-то другой')).toBeVisible();
  await expect(column(page, 'qualifying').getByTestId('deal-card').filter({ hasText: 'Замена батареи' })).toBeVisible();
  await expect(column(page, 'quoted').getByTestId('deal-card')).toHaveCount(1);
  await expect(column(page, 'new').getByTestId('deal-card')).toHaveCount(0);

  // The side panel opens on click, and the URL can reopen it.
  await column(page, 'quoted').getByTestId('deal-card').filter({ hasText: 'Замена экрана' }).click();
  const panel = page.getByTestId('deal-panel');
  await expect(panel).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`deal=${screen.id}`));
  await expect(page.getByTestId('deal-client-link')).toHaveAttribute('href', `/w/${slug}/clients/${client.id}`);

  // Context: add device = iPhone 14 Pro.
  let version = Number(await panel.getAttribute('data-version'));
  await page.getByTestId('context-new-key').fill('device');
  await page.getByTestId('context-new-value').fill('iPhone 14 Pro');
  await page.getByTestId('context-save').click();
  await expect(panel).not.toHaveAttribute('data-version', String(version));
  await expect(page.getByTestId('context-value-device')).toHaveValue('iPhone 14 Pro');

  // Price: 45 000 → 52 000.
  version = Number(await panel.getAttribute('data-version'));
  await page.getByTestId('deal-price').fill('52000');
  await page.getByTestId('deal-price').press('Enter');
  await expect(panel).not.toHaveAttribute('data-version', String(version));
  await expect(page.getByTestId('deal-price')).toHaveValue('52000');

  // The timeline shows the stage move, the context and the price change, with their values.
  await page.getByTestId('deal-tab-timeline').click();
  const timeline = page.getByTestId('deal-timeline');
  await expect(timeline.locator('[data-type=stage_changed]')).toBeVisible();
  await expect(timeline.locator('[data-type=context_updated]')).toContainText('iPhone 14 Pro');
  await expect(timeline.locator('[data-type=price_changed]')).toContainText('52000');

  // A write based on an old version is refused…
  version = Number(await panel.getAttribute('data-version'));
  const stale = await page.request.patch(`/api/conversations/${screen.id}`, {
    headers: { 'x-tenant-id': tenant },
    data: { version: version - 1, price: 1 },
  });
  expect(stale.status()).toBe(409);
  expect((await stale.json()).error.code).toBe('stale_version');
  // …while someone else's write based on the current one lands, leaving this page one version behind.
  const other = await page.request.patch(`/api/conversations/${screen.id}`, {
    headers: { 'x-tenant-id': tenant },
    data: { version, price: 60000 },
  });
  expect(other.status(), await other.text()).toBe(200);

  // Our edit from the now stale panel gets 409: the panel says so and shows the current state…
  await page.getByTestId('deal-price').fill('61000');
  await page.getByTestId('deal-price').press('Enter');
  await expect(page.getByText('Сделку изменил кто-то другой')).toBeVisible();
  await expect(page.getByTestId('deal-price')).toHaveValue('60000');
  // …and the next edit, made on the current version, goes through.
  version = Number(await panel.getAttribute('data-version'));
  await page.getByTestId('deal-price').fill('61000');
  await page.getByTestId('deal-price').press('Enter');
  await expect(panel).not.toHaveAttribute('data-version', String(version));
  const saved = await (await page.request.get(`/api/conversations/${screen.id}`, { headers: { 'x-tenant-id': tenant } })).json();
  expect(saved.conversation.price).toBe(61000);
  expect(saved.conversation.context.device).toBe('iPhone 14 Pro');
  expect(saved.conversation.stage.code).toBe('quoted');

  // Closing the panel drops ?deal= from the URL; the deep link reopens it.
  await page.getByTestId('deal-panel-close').click();
  await expect(panel).toHaveCount(0);
  await expect(page).not.toHaveURL(/deal=/);
  await page.goto(`/w/${slug}/deals?deal=${screen.id}`);
  await expect(page.getByTestId('deal-price')).toHaveValue('61000');
  await page.getByTestId('deal-panel-close').click();

  // "New deal" with a client created inline: the deal lands in the first stage and its panel opens.
  await page.getByTestId('new-deal').click();
  await page.getByTestId('new-deal-inline-toggle').click();
  await page.getByTestId('new-deal-client-name').fill('Ерлан Жумабаев');
  await page.getByTestId('new-deal-client-phone').fill('+7 705 555 12 34');
  await page.getByTestId('new-deal-title').fill('Замена камеры Pixel 7');
  await page.getByTestId('new-deal-price').fill('30000');
  await page.getByTestId('new-deal-submit').click();
  await expect(page.getByTestId('deal-panel-title')).toHaveText('Замена камеры Pixel 7');
  await page.getByTestId('deal-panel-close').click();
  await expect(column(page, 'new').getByTestId('deal-card').filter({ hasText: 'Ерлан Жумабаев' })).toBeVisible();

  expect(consoleErrors, 'browser console errors').toEqual([]);
});

test('deals and conversations screenshots: ru/en/kk, light/dark, desktop/phone', async ({ page }) => {
  test.setTimeout(480_000);
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });

  // A few more deals in other stages, so the board has something to show.
  const { client } = await apiPost(page, '/api/clients', { name: 'Данияр Ахметов', phone: '+77012223344' });
  const deal = (
    await apiPost(page, '/api/conversations', {
      client_id: client.id,
      title: 'Ремонт iPhone 13',
      price: 32000,
      tags: ['гарантия', 'VIP'],
      context: { intent: 'repair', device: 'iPhone 13', issue: 'Не заряжается', price_quoted: 32000 },
    })
  ).conversation;
  await apiPost(page, '/api/conversations', { client_id: client.id, title: 'Замена стекла Samsung S23', price: 27000 });
  await page.request.post(`/api/conversations/${deal.id}/messages`, { headers: { 'x-tenant-id': tenant }, data: { content: 'Здравствуйте! Привезите телефон сегодня до 18:00.' } });

  // The board and the panel in every look; the table and the conversations list once (time budget).
  const shots = async (suffix: string, all = true) => {
    await page.goto(`/w/${slug}/deals`);
    await expect(page.getByTestId('deals-board')).toBeVisible();
    await shoot(page, `deals-board-${suffix}`);
    if (!all) {
      await page.goto(`/w/${slug}/deals?deal=${deal.id}`);
      await expect(page.getByTestId('deal-timeline')).toBeVisible();
      await shoot(page, `deal-panel-${suffix}`);
      return;
    }
    await page.getByTestId('view-table').click();
    await expect(page.getByTestId('deals-table')).toBeVisible();
    await shoot(page, `deals-table-${suffix}`);
    await page.goto(`/w/${slug}/deals?deal=${deal.id}`);
    await expect(page.getByTestId('deal-timeline')).toBeVisible();
    await shoot(page, `deal-panel-${suffix}`);
    await page.goto(`/w/${slug}/conversations`);
    await expect(page.getByTestId('conversations-list')).toBeVisible();
    await shoot(page, `conversations-${suffix}`);
  };

  await shots('ru-light');
  await page.goto(`/w/${slug}/deals`);
  await page.getByTestId('filters-toggle').click();
  await expect(page.getByTestId('filters-panel')).toBeVisible();
  await shoot(page, 'deals-filters-ru-light');
  await page.getByTestId('new-deal').click();
  await expect(page.getByTestId('new-deal-dialog')).toBeVisible();
  await shoot(page, 'deals-new-dialog-ru-light');
  await page.keyboard.press('Escape');

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByTestId('locale-select').click();
  await page.getByTestId('locale-option-en').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deals');
  await shots('en-dark');

  await page.setViewportSize({ width: 390, height: 844 });
  await shots('en-dark-phone', false);
  // Back to a page without the (full-screen on phones) panel over the language switch.
  await page.goto(`/w/${slug}/conversations`);
  await expect(page.getByTestId('conversations-list')).toBeVisible();
  // (Phone width in Russian and light: the flow test and the set-up spec's phone shots cover it.)
  await page.emulateMedia({ colorScheme: 'light' });

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('locale-select').click();
  await page.getByTestId('locale-option-kk').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Диалогтар');
  await page.goto(`/w/${slug}/deals`);
  await expect(page.getByTestId('deals-board')).toBeVisible();
  await shoot(page, 'deals-board-kk-light');
  await page.goto(`/w/${slug}/deals?deal=${deal.id}`);
  await expect(page.getByTestId('deal-timeline')).toBeVisible();
  await shoot(page, 'deal-panel-kk-light');

  expect(consoleErrors, 'browser console errors').toEqual([]);
});
