// AI reply suggestions in the inbox end to end (seed 004): a site visitor asks the price of a
// screen through the web chat widget (no agent on the dialog, no model configured: knowledge-base
// only); the operator presses "Suggest" and gets a quick reply quoting the article and a price
// from the price list; the price goes into the context, "Edit" puts the reply into the reply
// box, "Send" sends it; a newer customer message makes nothing stale stay pending, and a new
// suggestion is dismissed with a reason. Then screenshots in ru/en/kk, light/dark, desktop/phone.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { api, login, seedRepairShop, shoot, signUp, visitorSays as says, watchConsole, type Workspace } from './support/app';

test.describe.configure({ mode: 'serial' });
const expect = baseExpect.configure({ timeout: 30_000 });

let ws: Workspace;
let key = '';
let visitor = '';
let conversationId = '';

const apiCall = (page: Page, method: 'post' | 'get', url: string, data?: unknown) => api(page, ws.tenant, method, url, data);

/** The visitor writes through the widget's public API (allowed Origin), always the same visitor. */
async function visitorSays(page: Page, text: string) {
  visitor = await says(page, key, text, visitor || undefined);
}

test('suggestions: suggest, price into the context, edit, send, stale on a new message, dismiss with a reason', async ({ page }) => {
  test.setTimeout(300_000);
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
  ws = await signUp(page, 'suggest', 'Дана Серикова', 'Мастерская «Дисплей»');
  // No agent on the dialog: the suggestions come from the article and the price list.
  key = (await seedRepairShop(page, ws, { webChat: true })).widgetKey;
  await apiCall(page, 'post', '/api/price-list', {
    category: 'Экран',
    device_pattern: 'iPhone 1?*',
    service_name: 'Замена экрана',
    price_from: 25000,
    price_to: 45000,
    currency: 'KZT',
    duration_minutes: 60,
  });
  await apiCall(page, 'post', '/api/price-list', { category: 'Батарея', service_name: 'Замена батареи', price_from: 12000, currency: 'KZT' });

  await visitorSays(page, 'Здравствуйте! Сколько стоит замена экрана на iPhone 13?');
  await page.goto(`/w/${ws.slug}/conversations`);
  const row = page.getByTestId('conversation-row').filter({ hasText: 'замена экрана' });
  await expect(row).toHaveCount(1);
  conversationId = (await row.getAttribute('data-conversation'))!;
  await row.click();
  const panel = page.getByTestId('suggestions-panel');
  await expect(panel.getByTestId('suggestions-empty')).toBeVisible();

  // Suggest: a quick reply quoting the article and the price from the price list.
  await panel.getByTestId('suggest-button').click();
  const cards = panel.getByTestId('suggestion-card');
  await expect(cards).toHaveCount(2);
  const quick = panel.locator('[data-testid="suggestion-card"][data-type="quick_reply"]');
  const price = panel.locator('[data-testid="suggestion-card"][data-type="price_suggestion"]');
  await expect(quick.getByTestId('suggestion-content')).toContainText('По статье «Замена экрана iPhone»');
  await expect(price.getByTestId('suggestion-content')).toHaveText('Замена экрана iPhone 13: 25 000–45 000 ₸, ~60 мин');
  await expect(price.getByTestId('suggestion-confidence')).toHaveText('80%');

  // The price goes into the dialog's context.
  await price.getByTestId('suggestion-apply').click();
  await expect(price).toHaveCount(0);
  await expect
    .poll(async () => (await apiCall(page, 'get', `/api/conversations/${conversationId}`)).conversation.context.price?.from)
    .toBe(25000);

  // Edit puts the text into the reply box; Send sends it as the operator's reply.
  await quick.getByTestId('suggestion-edit').click();
  await expect(page.getByTestId('reply-input')).toHaveValue(/По статье «Замена экрана iPhone»/);
  await page.getByTestId('reply-input').fill('');
  await quick.getByTestId('suggestion-apply').click();
  const thread = page.getByTestId('thread');
  await expect(thread.locator('[data-testid="message-bubble"][data-role="operator"]')).toContainText('25 000');
  await expect(cards).toHaveCount(0);
  await expect(panel.getByTestId('suggestions-empty')).toBeVisible();

  // The customer writes again; new suggestions; one is dismissed with a reason.
  await visitorSays(page, 'А замена батареи на iPhone 13 сколько?');
  await expect(thread.locator('[data-testid="message-bubble"][data-role="user"]').filter({ hasText: 'батареи' })).toHaveCount(1);
  await panel.getByTestId('suggest-button').click();
  await expect(price.getByTestId('suggestion-content')).toHaveText('Замена батареи iPhone 13: 12 000 ₸');
  await price.getByTestId('suggestion-dismiss').click();
  await panel.getByTestId('dismiss-reason').fill('Про батарею в статье ничего нет');
  await panel.getByTestId('dismiss-confirm').click();
  await expect(price).toHaveCount(0);
  const { data } = await apiCall(page, 'get', `/api/conversations/${conversationId}/suggestions`);
  expect((data as { status: string; dismiss_reason: string | null }[]).find((s) => s.status === 'dismissed')?.dismiss_reason).toBe(
    'Про батарею в статье ничего нет',
  );
  await panel.getByRole('button', { name: /Прошлые подсказки/ }).click();
  await expect(panel.getByTestId('suggestions-history')).toContainText('Скрыта');

  // Leave fresh pending suggestions for the screenshots.
  await visitorSays(page, 'Сколько по времени займёт замена экрана на iPhone 14?');
  await expect(thread.locator('[data-testid="message-bubble"][data-role="user"]').filter({ hasText: 'по времени' })).toHaveCount(1);
  await panel.getByTestId('suggest-button').click();
  await expect(cards).toHaveCount(2);

  expect(consoleErrors, 'browser console errors').toEqual([]);
});

test('suggestions screenshots: ru/en/kk, light/dark, desktop/phone', async ({ page }) => {
  test.setTimeout(240_000);
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/login');
  await login(page, ws.email);
  const open = async () => {
    await page.goto(`/w/${ws.slug}/conversations?c=${conversationId}`);
    await expect(page.getByTestId('suggestion-card')).toHaveCount(2);
  };
  await open();
  await shoot(page, 'suggestions-ru-light-desktop');

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByTestId('locale-select').click();
  await page.getByTestId('locale-option-en').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Conversations');
  await open();
  await expect(page.getByTestId('suggestions-panel')).toContainText('AI suggestions');
  await shoot(page, 'suggestions-en-dark-desktop');

  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByTestId('locale-select').click();
  await page.getByTestId('locale-option-kk').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Диалогтар');
  await page.setViewportSize({ width: 390, height: 844 });
  await open();
  await expect(page.getByTestId('suggestions-panel')).toContainText('ЖИ кеңестері');
  await shoot(page, 'suggestions-kk-light-phone');

  expect(consoleErrors, 'browser console errors').toEqual([]);
});
