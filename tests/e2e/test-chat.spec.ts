// Test chat end to end: from the agent editor's "Test this agent" a customer question gets an
// answer streamed in that cites the knowledge-base article (knowledge-base-only: the e2e server
// has no model), the "why this answer" panel links the article; with check_before_send the
// reply is a draft that is edited and approved; a new conversation and a deletion. Then
// screenshots in ru/en/kk, light/dark, desktop/phone with the panel open.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { api, login, seedRepairShop, shoot, signUp, watchConsole, type Workspace } from './support/app';

test.describe.configure({ mode: 'serial' });
const expect = baseExpect.configure({ timeout: 30_000 });

let ws: Workspace;
let agentId = '';
let articleId = '';

async function ask(page: Page, text: string) {
  await page.getByTestId('chat-input').fill(text);
  await page.getByTestId('chat-input').press('Enter');
}

test('test chat: a streamed answer citing an article, a draft edited and approved, reset and delete', async ({ page }) => {
  test.setTimeout(300_000);
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
  ws = await signUp(page, 'test-chat', 'Айгерим Касымова', 'Сервис «Экран»');
  ({ agentId, articleId } = await seedRepairShop(page, ws, { agent: {} }));

  // The editor's button opens the test chat with the agent chosen.
  await page.goto(`/w/${ws.slug}/agents/${agentId}`);
  await page.getByTestId('agent-test-chat').click();
  await page.waitForURL(`**/w/${ws.slug}/test-chat?agent=${agentId}`);
  await expect(page.getByTestId('chat-agent')).toContainText('Консультант');
  await expect(page.getByTestId('chat-empty')).toBeVisible();

  await ask(page, 'Сколько стоит замена экрана на iPhone?');
  const reply = page.getByTestId('chat-agent-message').first();
  await expect(reply).toContainText('25 000');
  await expect(reply.getByTestId('kb-only-label')).toBeVisible();
  await page.waitForURL(/conversation=/);
  await expect(page.getByTestId('test-conversation-item')).toHaveCount(1);

  await reply.getByTestId('why-toggle').click();
  const why = reply.getByTestId('why-this-answer');
  await expect(why.getByTestId('why-mode')).toHaveText('Только база знаний (без модели ИИ)');
  const link = why.getByTestId('why-articles').getByRole('link', { name: 'Замена экрана iPhone' });
  await expect(link).toHaveAttribute('href', `/w/${ws.slug}/knowledge-base/articles/${articleId}`);

  // With check_before_send the reply waits as a draft: edit it, then approve.
  await api(page, ws.tenant, 'patch', `/api/agents/${agentId}`, { check_before_send: true });
  await ask(page, 'А гарантия на экран есть?');
  const draft = page.locator('[data-testid="chat-agent-message"][data-status="draft"]');
  await expect(draft).toHaveCount(1);
  await draft.getByTestId('draft-edit').click();
  await draft.getByRole('textbox').fill('Да, гарантия на замену экрана — 6 месяцев. Ждём вас!');
  await draft.getByTestId('draft-save-approve').click();
  await expect(page.locator('[data-testid="chat-agent-message"][data-status="draft"]')).toHaveCount(0);
  await expect(page.getByTestId('chat-agent-message').nth(1)).toContainText('Ждём вас!');
  await expect(page.getByTestId('chat-agent-message').nth(1)).toHaveAttribute('data-status', 'sent');
  await api(page, ws.tenant, 'patch', `/api/agents/${agentId}`, { check_before_send: false });

  // A new conversation, then delete it: the first one stays.
  await page.getByTestId('chat-reset').click();
  await expect(page.getByTestId('chat-empty')).toBeVisible();
  await ask(page, 'Здравствуйте! Сколько стоит экран?');
  await expect(page.getByTestId('chat-agent-message')).toHaveCount(1);
  await expect(page.getByTestId('test-conversation-item')).toHaveCount(2);
  await page.getByTestId('chat-delete').click();
  await page.getByTestId('confirm-delete').click();
  await expect(page.getByTestId('test-conversation-item')).toHaveCount(1);
  await expect(page.getByTestId('chat-empty')).toBeVisible();

  // Test conversations stay out of the production deals list.
  const deals = await (await page.request.get('/api/conversations', { headers: { 'x-tenant-id': ws.tenant } })).json();
  expect(deals.data).toEqual([]);

  expect(consoleErrors, 'browser console errors').toEqual([]);
});

test('test chat screenshots: ru/en/kk, light/dark, desktop/phone, the why panel open', async ({ page }) => {
  test.setTimeout(300_000);
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/login');
  await login(page, ws.email);
  const open = async () => {
    await page.goto(`/w/${ws.slug}/test-chat?agent=${agentId}`);
    await page.getByTestId('test-conversation-item').first().click();
    await expect(page.getByTestId('chat-agent-message')).toHaveCount(2);
    await page.getByTestId('why-toggle').first().click();
    await expect(page.getByTestId('why-this-answer')).toBeVisible();
  };
  await open();
  await shoot(page, 'test-chat-ru-light-desktop');

  await page.setViewportSize({ width: 390, height: 844 });
  await open();
  await shoot(page, 'test-chat-ru-light-phone');

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByTestId('locale-select').click();
  await page.getByTestId('locale-option-en').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Test chat');
  await open();
  await shoot(page, 'test-chat-en-dark-desktop');

  await page.getByTestId('locale-select').click();
  await page.getByTestId('locale-option-kk').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Сынақ чаты');
  await page.setViewportSize({ width: 390, height: 844 });
  await open();
  await shoot(page, 'test-chat-kk-dark-phone');

  expect(consoleErrors, 'browser console errors').toEqual([]);
});
