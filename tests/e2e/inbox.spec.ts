// The live inbox end to end: with the inbox open, a site visitor writes through the web chat
// widget's public API and the conversation appears without a reload; the agent (knowledge base
// only, check before send) answers with a draft that the operator edits and approves; the
// operator takes the conversation over (the header shows who holds it) and hands it back.
// Then screenshots in ru/en/kk, light/dark, desktop/phone.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { api, login, seedRepairShop, shoot, signUp, visitorSays as says, watchConsole, type Workspace } from './support/app';

test.describe.configure({ mode: 'serial' });
const expect = baseExpect.configure({ timeout: 30_000 });

let ws: Workspace;
let key = '';
let conversationId = '';

const visitorSays = (page: Page, text: string, token?: string) => says(page, key, text, token);

test('inbox: a widget message arrives live, a draft is edited and approved, take over and hand back', async ({ page }) => {
  test.setTimeout(300_000);
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
  ws = await signUp(page, 'inbox', 'Анна Ким', 'Сервис «Экран»');
  // An agent that answers web chat from the knowledge base and waits for approval.
  const seeded = await seedRepairShop(page, ws, {
    agent: { kb_only: true, check_before_send: true, response_delay_seconds: 0 },
    activeAgent: true,
    webChat: true,
  });
  key = seeded.widgetKey;

  // The inbox is open and empty; the visitor writes; the conversation appears without a reload.
  await page.goto(`/w/${ws.slug}/conversations`);
  await expect(page.getByTestId('thread-placeholder')).toBeVisible();
  await expect(page.getByTestId('conversation-row')).toHaveCount(0);
  const visitor = await visitorSays(page, 'Сколько стоит замена экрана на iPhone 13?');
  const first = page.getByTestId('conversation-row').filter({ hasText: 'замена экрана' });
  await expect(first).toHaveCount(1);
  conversationId = (await first.getAttribute('data-conversation'))!;
  // (Later messages change the row's preview: find it by its id from here on.)
  const row = page.locator(`[data-testid="conversation-row"][data-conversation="${conversationId}"]`);
  // Unread until an operator opens it; opening it reads it (the badge goes).
  await expect(row.getByTestId('unread-badge')).toHaveText('1');
  await row.click();
  await expect(page).toHaveURL(new RegExp(`[?&]c=${conversationId}`));
  await expect(row.getByTestId('unread-badge')).toHaveCount(0);
  await expect(page.getByTestId('thread-client')).not.toBeEmpty();
  const thread = page.getByTestId('thread');
  await expect(thread.locator('[data-testid="message-bubble"][data-role="user"]')).toContainText('Сколько стоит замена экрана');

  // The agent's reply waits as a draft; the operator edits it and approves.
  const draft = thread.locator('[data-testid="message-bubble"][data-status="draft"]');
  await expect(draft).toHaveCount(1, { timeout: 60_000 });
  await expect(draft).toContainText('25 000');
  await expect(draft.getByTestId('message-why')).toBeVisible();
  await draft.getByTestId('draft-edit').click();
  await draft.getByTestId('draft-edit-text').fill('Замена экрана на iPhone 13 — от 25 000 ₸, около часа. Гарантия 6 месяцев. Ждём вас!');
  await draft.getByTestId('draft-save-approve').click();
  await expect(thread.locator('[data-testid="message-bubble"][data-status="draft"]')).toHaveCount(0);
  const approved = thread.locator('[data-testid="message-bubble"][data-role="agent"]').filter({ hasText: 'Ждём вас!' });
  await expect(approved).toHaveCount(1);
  await expect(approved.getByTestId('message-status')).toHaveAttribute('data-status', /queued|sent|delivered/);

  // The operator takes over: the header says who holds it; the reply box sends with Enter.
  await expect(page.getByTestId('thread-holder')).toHaveAttribute('data-kind', 'agent');
  await page.getByTestId('thread-takeover').click();
  await expect(page.getByTestId('thread-holder')).toHaveAttribute('data-kind', 'human');
  await expect(page.getByTestId('thread-holder')).toContainText('Диалог у вас');
  await expect(row.getByTestId('holder-chip')).toHaveAttribute('data-kind', 'human');
  await page.getByTestId('reply-input').fill('Здравствуйте! Это Анна, мастер свободен в 15:00.');
  await page.getByTestId('reply-input').press('Enter');
  await expect(thread.locator('[data-testid="message-bubble"][data-role="operator"]')).toContainText('мастер свободен в 15:00');
  await expect(page.getByTestId('reply-input')).toHaveValue('');

  // While a human holds it, a new customer message shows up live and the agent stays quiet.
  await visitorSays(page, 'Отлично, приеду к 15:00', visitor);
  await expect(thread.locator('[data-testid="message-bubble"][data-role="user"]').filter({ hasText: 'приеду к 15:00' })).toHaveCount(1);
  // The operator is looking at it: the new message is read at once (the server's count too).
  await expect
    .poll(async () => (await api(page, ws.tenant, 'get', `/api/conversations/${conversationId}`)).conversation.unread_count)
    .toBe(0);
  await expect(row.getByTestId('unread-badge')).toHaveCount(0);

  // Hand back: the agent holds it again.
  await page.getByTestId('thread-handback').click();
  await expect(page.getByTestId('thread-holder')).toHaveAttribute('data-kind', 'agent');
  await expect(row.getByTestId('holder-chip')).toHaveAttribute('data-kind', 'agent');

  // Filters live in the URL ("needs a human" narrows the list to nothing here); a reload keeps the open thread.
  await page.getByTestId('filter-needs-human').click();
  await expect(page).toHaveURL(/needs_human=true/);
  await expect(row).toHaveCount(0);
  await page.getByTestId('filter-needs-human').click();
  await expect(row).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId('thread')).toBeVisible();

  expect(consoleErrors, 'browser console errors').toEqual([]);
});

test('inbox screenshots: ru/en/kk, light/dark, desktop/phone', async ({ page }) => {
  test.setTimeout(240_000);
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/login');
  await login(page, ws.email);
  const open = async (thread: boolean) => {
    await page.goto(`/w/${ws.slug}/conversations${thread ? `?c=${conversationId}` : ''}`);
    if (thread) await expect(page.getByTestId('thread-holder')).toBeVisible();
    else await expect(page.getByTestId('conversations-list')).toBeVisible();
  };
  await open(true);
  await shoot(page, 'inbox-ru-light-desktop');

  await page.setViewportSize({ width: 390, height: 844 });
  await open(false);
  await shoot(page, 'inbox-list-ru-light-phone');

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByTestId('locale-select').click();
  await page.getByTestId('locale-option-en').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Conversations');
  await open(true);
  await shoot(page, 'inbox-en-dark-desktop');

  await page.getByTestId('locale-select').click();
  await page.getByTestId('locale-option-kk').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Диалогтар');
  await page.setViewportSize({ width: 390, height: 844 });
  await open(true);
  await shoot(page, 'inbox-thread-kk-dark-phone');

  expect(consoleErrors, 'browser console errors').toEqual([]);
});
