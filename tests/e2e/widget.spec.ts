// The site chat widget end to end: a shop's page on another origin includes the one script
// tag; a visitor asks a question and the agent (knowledge-base-only: the e2e server has no
// model) answers in the bubble through the real inbound path, due work and delivery; a reload
// keeps the conversation. Then screenshots: ru/en/kk, light/dark, desktop/phone.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { register, shoot, uniqueEmail, watchConsole } from './support/app';

test.describe.configure({ mode: 'serial' });
const expect = baseExpect.configure({ timeout: 45_000 });

// The shop: a real page on another origin (localhost on its own port; plain http is allowed there
// for development). Served from loopback like the app, so Chrome's local-network rules let the
// page reach the app as a real site's page reaches a public one.
let SHOP = '';
let shopServer: http.Server;
let key = '';
let appUrl = '';

test.beforeAll(async () => {
  shopServer = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(shopPage(url.searchParams.get('lang') ?? 'ru', url.searchParams.get('h') ?? 'Сервис «Экран»'));
  });
  await new Promise<void>((resolve) => shopServer.listen(0, '127.0.0.1', resolve));
  SHOP = `http://localhost:${(shopServer.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => shopServer.close(resolve));
});

async function apiCall(page: Page, tenant: string, method: 'get' | 'post' | 'put' | 'patch', url: string, data?: unknown) {
  const res = await page.request[method](url, { headers: { 'x-tenant-id': tenant }, ...(data === undefined ? {} : { data }) });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

function shopPage(lang: string, heading: string) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Сервис «Экран»</title>
<style>body{font-family:system-ui,sans-serif;margin:0;padding:32px;background:#fafaf9;color:#1c1917}
@media (prefers-color-scheme:dark){body{background:#0c0a09;color:#e7e5e4}}
h1{margin:0 0 12px}p{max-width:560px;line-height:1.5}</style></head>
<body><h1>${heading}</h1><p>Ремонт телефонов в Алматы: замена экрана, батареи и разъёмов за один день.</p>
<script src="${appUrl}/widget.js" data-key="${key}" async></script></body></html>`;
}

const shopUrl = (lang = 'ru', heading = 'Сервис «Экран»') => `${SHOP}/?lang=${lang}&h=${encodeURIComponent(heading)}`;

test('a visitor on the shop site asks, the agent answers in the bubble, a reload keeps the history', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  appUrl = baseURL!;
  const consoleErrors = watchConsole(page);
  await page.goto('/register');
  await register(page, uniqueEmail('widget'), 'Айгерим Касымова', 'Сервис «Экран»');
  const slug = new URL(page.url()).pathname.split('/')[2]!;
  const tenant = ((await (await page.request.get('/api/workspaces')).json()).workspaces as { id: string; slug: string }[]).find((w) => w.slug === slug)!.id;

  // Knowledge, an agent that answers from it alone, covering the default pipeline, switched on.
  const { category } = await apiCall(page, tenant, 'post', '/api/kb/categories', { name: 'Ремонт' });
  await apiCall(page, tenant, 'post', '/api/kb/articles', {
    title: 'Замена экрана iPhone',
    content: 'Замена экрана на iPhone 13 стоит от 25 000 тенге и занимает около часа. Даём гарантию 6 месяцев.',
    categories: [category.id],
  });
  const { agent } = await apiCall(page, tenant, 'post', '/api/agents', {
    name: 'Консультант',
    system_instructions: 'Ты — вежливый консультант сервиса ремонта телефонов. Отвечай кратко.',
    kb_only: true,
    response_delay_seconds: 0,
  });
  await apiCall(page, tenant, 'put', `/api/agents/${agent.id}/knowledge-base`, { all_categories: true });
  const pipelines = await apiCall(page, tenant, 'get', '/api/pipelines');
  const pipeline = (pipelines.data ?? pipelines.pipelines).find((p: { is_default: boolean }) => p.is_default) ?? (pipelines.data ?? pipelines.pipelines)[0];
  await apiCall(page, tenant, 'put', `/api/agents/${agent.id}/pipelines`, {
    pipelines: [{ pipeline_id: pipeline.id, is_active: true, all_stages: true }],
  });
  await apiCall(page, tenant, 'patch', `/api/agents/${agent.id}/toggle`, { is_active: true });

  // The site chat, allowed on the shop's origin.
  const connected = await apiCall(page, tenant, 'post', '/api/integrations/web_chat/connect', {
    allowed_origins: [SHOP],
    title: 'Сервис «Экран»',
    greeting: 'Здравствуйте! Спросите о ремонте — ответим сразу.',
    color: '#0f766e',
  });
  key = connected.public_key;
  expect(connected.config.snippet).toContain(`data-key="${key}"`);

  await page.goto(shopUrl());
  const bubble = page.getByRole('button', { name: 'Открыть чат' });
  await expect(bubble).toBeVisible();
  await bubble.click();
  const input = page.getByRole('textbox', { name: 'Сообщение' });
  await expect(input).toBeFocused();
  await expect(page.getByRole('dialog', { name: 'Сервис «Экран»' })).toContainText('Спросите о ремонте');
  await input.fill('Сколько стоит замена экрана на iPhone?');
  await input.press('Enter');
  await expect(page.locator('[data-role="user"]')).toHaveText(['Сколько стоит замена экрана на iPhone?']);
  const answer = page.locator('[data-role="agent"]').filter({ hasText: '25 000' });
  await expect(answer).toHaveCount(1, { timeout: 90_000 });

  // Escape closes the panel and gives focus back to the bubble.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(bubble).toBeFocused();

  // A reload (a new page on the site): the same visitor, the same conversation.
  await page.reload();
  await page.getByRole('button', { name: 'Открыть чат' }).click();
  await expect(page.locator('[data-role="user"]')).toHaveText(['Сколько стоит замена экрана на iPhone?']);
  await expect(page.locator('[data-role="agent"]').filter({ hasText: '25 000' })).toHaveCount(1);

  // The conversation is in the workspace, from the site chat.
  const list = await apiCall(page, tenant, 'get', '/api/conversations');
  expect(list.data.map((c: { channel: string }) => c.channel)).toEqual(['web_chat']);

  expect(consoleErrors, 'browser console errors').toEqual([]);
});

test('widget screenshots: ru/en/kk, light/dark, desktop/phone', async ({ page }) => {
  test.setTimeout(240_000);
  const consoleErrors = watchConsole(page);
  const open = async (lang: string, heading: string, label: string) => {
    await page.goto(shopUrl(lang, heading));
    await page.getByRole('button', { name: label }).click();
    await expect(page.locator('[data-role="agent"]').filter({ hasText: '25 000' })).toHaveCount(1);
  };
  // A visitor who already asked: the answer is in the history.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(shopUrl());
  await page.getByRole('button', { name: 'Открыть чат' }).click();
  await page.getByRole('textbox', { name: 'Сообщение' }).fill('Сколько стоит замена экрана?');
  await page.getByRole('textbox', { name: 'Сообщение' }).press('Enter');
  await expect(page.locator('[data-role="agent"]').filter({ hasText: '25 000' })).toHaveCount(1, { timeout: 90_000 });
  await shoot(page, 'widget-ru-light-desktop');

  await page.setViewportSize({ width: 390, height: 844 });
  await open('ru', 'Сервис «Экран»', 'Открыть чат');
  await shoot(page, 'widget-ru-light-phone');

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await open('en', 'Screen repair service', 'Open chat');
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveAttribute('placeholder', 'Write a message…');
  await shoot(page, 'widget-en-dark-desktop');

  await page.setViewportSize({ width: 390, height: 844 });
  await open('kk', '«Экран» сервисі', 'Чатты ашу');
  await expect(page.getByRole('textbox', { name: 'Хабарлама' })).toHaveAttribute('placeholder', 'Хабарлама жазыңыз…');
  await shoot(page, 'widget-kk-dark-phone');

  expect(consoleErrors, 'browser console errors').toEqual([]);
});
