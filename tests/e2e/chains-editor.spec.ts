// The chain editor end to end (issue 10 "Visible timing", "Edits", "Results"): the owner builds a
// three-step chain with a weekday schedule, sees its timeline for a sample start (the last message
// on a Friday evening: step 1 moved by the schedule to Monday 09:00, the next ones after it), saves
// it and sees the chain's results on its list row and on the agent's header; the saved chain's
// dialog shows its runs in flight and per-step results. Then screenshots in ru/en/kk, light/dark,
// desktop/phone.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { login, seedRepairShop, shoot, signUp, watchConsole, type Workspace } from './support/app';

test.describe.configure({ mode: 'serial' });
const expect = baseExpect.configure({ timeout: 30_000 });

let ws: Workspace;
let agentId = '';

/** "a · b · c" as the row shows it (its parts are separate elements, the dots between them). */
const parts = (text: string) => new RegExp(`^${text.split(' · ').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*·\\s*')}$`);

const openChains = (page: Page) => page.goto(`/w/${ws.slug}/agents/${agentId}?tab=chains`);

test('chain editor: build a chain with a schedule, preview its timeline, save, see its results', async ({ page }) => {
  test.setTimeout(240_000);
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
  ws = await signUp(page, 'chains', 'Айжан Ким', 'Сервис «Экран»');
  agentId = (await seedRepairShop(page, ws, { agent: {} })).agentId;
  await openChains(page);

  await page.getByTestId('chain-add').first().click();
  const dialog = page.getByTestId('chain-dialog');
  await dialog.getByTestId('chain-name-input').fill('Дожим после вопроса о цене');
  // The sample start defaults to the coming Friday 21:30 (workspace time zone).
  const start = dialog.getByTestId('chain-preview-start');
  await expect(start).toHaveValue(/T21:30$/);
  expect(new Date(`${(await start.inputValue()).slice(0, 10)}T12:00:00Z`).getUTCDay()).toBe(5);

  // Step 1: 30 minutes; step 2: 3 hours; step 3: 1 day.
  await dialog.getByTestId('chain-step-delay').first().fill('30');
  for (const [value, unit] of [
    ['3', 'hours'],
    ['1', 'days'],
  ] as const) {
    await dialog.getByTestId('chain-step-add').click();
    await dialog.getByTestId('chain-step-delay').last().fill(value);
    await dialog.getByTestId('chain-step-unit').last().click();
    await page.getByTestId(`chain-unit-${unit}`).click();
  }
  const instructions = dialog.getByTestId('chain-action-instruction');
  await expect(instructions).toHaveCount(3);
  for (const [i, text] of ['Напомни о себе и спроси, остались ли вопросы.', 'Предложи записаться на удобное время.', 'Предложи скидку 10% на замену экрана.'].entries()) {
    await instructions.nth(i).fill(text);
  }

  // Without a schedule every step goes out on its delay: Friday 22:00, Saturday 01:00, Sunday 01:00.
  await start.fill('2026-12-04T21:30');
  const times = dialog.getByTestId('chain-preview-step-time');
  await expect(dialog.getByTestId('chain-preview-start-point-time')).toHaveText('Пт 21:30');
  await expect(times).toHaveText(['Пт 22:00', 'Сб 01:00', 'Вс 01:00']);
  await expect(dialog.getByTestId('chain-preview-step-moved')).toHaveCount(0);

  // Weekdays 09:00–18:00: step 1 waits for Monday 09:00 (moved), step 2 three hours after it, step 3 a day later.
  await dialog.getByTestId('chain-schedule-toggle').click();
  await expect(times).toHaveText(['Пн 09:00', 'Пн 12:00', 'Вт 12:00']);
  const steps = dialog.getByTestId('chain-preview-step');
  await expect(steps.nth(0)).toHaveAttribute('data-moved', 'true');
  await expect(steps.nth(0)).toContainText('перенесён расписанием');
  await expect(dialog.getByTestId('chain-preview-step-moved')).toHaveCount(1);

  // An edit updates the timeline: step 2 after 10 hours falls at 19:00, after hours → Tuesday 09:00.
  await dialog.getByTestId('chain-step-delay').nth(1).fill('10');
  await expect(times).toHaveText(['Пн 09:00', 'Вт 09:00', 'Ср 09:00']);
  await expect(dialog.getByTestId('chain-preview-step-moved')).toHaveCount(2);
  await dialog.getByTestId('chain-step-delay').nth(1).fill('3');
  await expect(times).toHaveText(['Пн 09:00', 'Пн 12:00', 'Вт 12:00']);

  await dialog.getByTestId('chain-save').click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId('chain-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('chain-name')).toHaveText('Дожим после вопроса о цене');
  await expect(row.getByTestId('chain-steps-summary')).toContainText('30 минут');
  await expect(row.getByTestId('chain-row-stats')).toHaveText(parts('0 запусков · идут: 0 · отправлено: 0 · ответили: 0'));
  await expect(page.getByTestId('agent-chain-totals')).toContainText('0 запусков · идут: 0 · отправлено: 0 · ответили: 0');

  // The saved chain: its preview comes from the saved chain's endpoint, its runs and results on the second tab.
  await row.getByTestId('chain-edit').click();
  await expect(dialog.getByTestId('chain-preview-step-time')).toHaveCount(3);
  await dialog.getByTestId('chain-tab-results').click();
  await expect(dialog.getByTestId('chain-runs-in-flight')).toHaveText('Сейчас запусков нет');
  await expect(dialog.getByTestId('chain-stop-all')).toBeDisabled();
  await expect(dialog.getByTestId('chain-runs-empty')).toBeVisible();
  await expect(dialog.getByTestId('chain-results-step')).toHaveCount(3);
  await expect(dialog.getByTestId('chain-results-runsStarted')).toHaveText('0');
  await dialog.getByTestId('chain-runs-filter-stopped').click();
  await expect(dialog.getByTestId('chain-runs-empty')).toBeVisible();
  await dialog.getByTestId('chain-tab-setup').click();
  await expect(dialog.getByTestId('chain-name-input')).toHaveValue('Дожим после вопроса о цене');

  expect(consoleErrors, 'browser console errors').toEqual([]);
});

test('chain editor screenshots: ru/en/kk, light/dark, desktop/phone', async ({ page }) => {
  test.setTimeout(240_000);
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/login');
  await login(page, ws.email);
  const dialog = page.getByTestId('chain-dialog');
  const openDialog = async () => {
    await openChains(page);
    await page.getByTestId('chain-edit').click();
    await dialog.getByTestId('chain-preview-start').fill('2026-12-04T21:30');
    await expect(dialog.getByTestId('chain-preview-step-time')).toHaveCount(3);
    await dialog.getByTestId('chain-preview').scrollIntoViewIfNeeded();
  };

  await openDialog();
  await expect(dialog.getByTestId('chain-preview-step-time').first()).toHaveText('Пн 09:00');
  await shoot(page, 'chains-editor-preview-ru-light-desktop');

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.keyboard.press('Escape');
  await page.getByTestId('locale-select').click();
  await page.getByTestId('locale-option-en').click();
  await openChains(page);
  await expect(page.getByTestId('chain-row-stats')).toHaveText(parts('0 runs · 0 in flight · 0 messages sent · 0 replied'));
  await shoot(page, 'chains-editor-list-en-dark-desktop');

  await page.getByTestId('locale-select').click();
  await page.getByTestId('locale-option-kk').click();
  await page.setViewportSize({ width: 390, height: 844 });
  await openDialog();
  await expect(dialog.getByTestId('chain-preview-step-time').first()).toHaveText('Дс 09:00');
  await shoot(page, 'chains-editor-preview-kk-dark-phone');

  await page.emulateMedia({ colorScheme: 'light' });
  await dialog.getByTestId('chain-tab-results').click();
  await expect(dialog.getByTestId('chain-results-step')).toHaveCount(3);
  await shoot(page, 'chains-editor-results-kk-light-phone');

  expect(consoleErrors, 'browser console errors').toEqual([]);
});
