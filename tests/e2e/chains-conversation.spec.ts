// Issue 10: watch a follow-up run's next step in the conversation view. A chain (two steps, 2 h
// and 1 day, every day 09:00–21:00) on the shop's agent; a visitor writes through the web chat,
// the agent answers, the run starts by itself; the thread's follow-up card says which chain, step
// 1 of 2 and its exact time in the workspace time zone — the time the API has; the operator stops
// it and the card moves it to the past runs, "stopped by a person". Then the card in ru/en/kk,
// light/dark, desktop/phone.
import { expect as baseExpect, test } from '@playwright/test';
import { api, login, seedRepairShop, shoot, signUp, visitorSays, watchConsole, type Workspace } from './support/app';

test.describe.configure({ mode: 'serial' });
const expect = baseExpect.configure({ timeout: 30_000 });

const DAYS = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота', 'Воскресенье'];
let ws: Workspace;
let key = '';
let conversationId = '';
let visitor = '';

test('a follow-up starts after the agent answers; the thread shows step 1 at its exact time; the operator stops it', async ({ page }) => {
  test.setTimeout(240_000);
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
  ws = await signUp(page, 'chains-conv', 'Анна Ким', 'Сервис «Экран»');
  const seeded = await seedRepairShop(page, ws, { agent: { kb_only: true, response_delay_seconds: 0 }, activeAgent: true, webChat: true });
  key = seeded.widgetKey;
  await api(page, ws.tenant, 'post', `/api/agents/${seeded.agentId}/chains`, {
    name: 'Напоминание о ремонте',
    schedule: DAYS.map((day) => ({ day, enabled: true, start: '09:00', end: '21:00' })),
    steps: [
      { delay_value: 2, delay_unit: 'Часы', actions: [{ action_type: 'generate_message', instruction: 'Напомни о записи на ремонт' }] },
      { delay_value: 1, delay_unit: 'Дни', actions: [{ action_type: 'generate_message', instruction: 'Предложи скидку 10%' }] },
    ],
  });

  await page.goto(`/w/${ws.slug}/conversations`);
  visitor = await visitorSays(page, key, 'Сколько стоит замена экрана на iPhone 13?');
  const row = page.getByTestId('conversation-row').filter({ hasText: 'замена экрана' });
  await expect(row).toHaveCount(1);
  conversationId = (await row.getAttribute('data-conversation'))!;
  await row.click();
  const thread = page.getByTestId('thread');
  await expect(thread.locator('[data-testid="message-bubble"][data-role="agent"]')).toHaveCount(1, { timeout: 60_000 });

  // The run started by itself; the card appears live with the time the server has.
  const card = page.getByTestId('followup-card');
  const running = card.getByTestId('followup-running');
  await expect(running).toHaveCount(1);
  await expect(running).toContainText('Напоминание о ремонте');
  const { data } = await api(page, ws.tenant, 'get', `/api/conversations/${conversationId}/chain-runs`);
  const dueAt = new Date(data[0].next_due_at as string);
  const next = running.getByTestId('followup-next');
  const zone = /\(([A-Za-z_]+\/[A-Za-z_]+) \(GMT/.exec((await next.textContent()) ?? '')?.[1];
  expect(zone, 'the workspace time zone is named').toBeTruthy();
  const hhmm = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(dueAt);
  await expect(next).toContainText('Шаг 1 из 2');
  await expect(next).toContainText(hhmm);
  await expect(next).toContainText(/через/);

  // Stop: the card moves it to the past runs, with the reason in words.
  await running.getByTestId('followup-stop').click();
  await expect(card.getByTestId('followup-running')).toHaveCount(0);
  await card.getByTestId('followup-past-toggle').click();
  const past = card.getByTestId('followup-past').locator('li');
  await expect(past).toHaveAttribute('data-reason', 'stopped_by_user');
  await expect(past).toContainText('остановлен вручную');
  expect(consoleErrors, 'browser console errors').toEqual([]);
});

test('the follow-up card: ru/en/kk, light/dark, desktop/phone', async ({ page }) => {
  test.setTimeout(180_000);
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/login');
  await login(page, ws.email);
  // The same visitor writes again; after the agent's answer a fresh run starts (for the shots).
  await visitorSays(page, key, 'А на iPhone 14 сколько?', visitor);
  const open = async () => {
    await page.goto(`/w/${ws.slug}/conversations?c=${conversationId}`);
    await expect(page.getByTestId('followup-card')).toBeVisible({ timeout: 60_000 });
  };
  await open();
  await shoot(page, 'followup-card-ru-light-desktop');

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByTestId('locale-select').click();
  await page.getByTestId('locale-option-en').click();
  await open();
  await expect(page.getByTestId('followup-card')).toContainText('Follow-up');
  await shoot(page, 'followup-card-en-dark-desktop');

  await page.getByTestId('locale-select').click();
  await page.getByTestId('locale-option-kk').click();
  await page.setViewportSize({ width: 390, height: 844 });
  await open();
  await expect(page.getByTestId('followup-card')).toContainText('Қайта жазу');
  await shoot(page, 'followup-card-kk-dark-phone');
  expect(consoleErrors, 'browser console errors').toEqual([]);
});
