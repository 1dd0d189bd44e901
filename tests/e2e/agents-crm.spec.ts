// The agent editor picks from the built-in CRM: tick the workspace's pipeline, choose stages and
// write a stage instruction, reload and see them kept; sync with the CRM; tick readable fields and
// add an update rule from the field list. Screenshots in ru/light, en/dark and on a phone.
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, SHOTS, settle, uniqueEmail, watchConsole } from './support/app';

async function shoot(page: Page, name: string) {
  await settle(page);
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
  const text = await page.locator('body').innerText();
  expect(text, `untranslated key on ${name}`).not.toMatch(/\b(agents|agentsCrm|common|nav)\.[a-z][A-Za-z_]*(\.[A-Za-z_]+)+/);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, animations: 'disabled' });
}

async function openTab(page: Page, tab: string) {
  await page.getByTestId(`agent-tab-${tab}`).click();
  await expect(page.getByTestId(`agent-panel-${tab}`)).toBeVisible();
}

async function saveWithBar(page: Page) {
  await expect(page.getByTestId('unsaved-bar')).toBeVisible();
  await page.getByTestId('unsaved-save').click();
  await expect(page.getByTestId('unsaved-bar')).toBeHidden();
}

test('agent pipelines, stages and fields are picked from the CRM', async ({ page }) => {
  test.setTimeout(240_000);
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });

  await page.goto('/register');
  await page.getByTestId('register-full-name').fill('Айгерим Сапарова');
  await page.getByTestId('register-company-name').fill('ИП «Ремонт телефонов»');
  await page.getByTestId('register-email').fill(uniqueEmail('agents-crm'));
  await page.getByTestId('register-password').fill(PASSWORD);
  await page.getByTestId('register-submit').click();
  await page.waitForURL(/\/w\/[a-z0-9-]+$/);

  await page.getByTestId('nav-agents').click();
  await page.waitForURL(/\/w\/[a-z0-9-]+\/agents$/);
  await page.getByTestId('agents-new').first().click();
  await page.getByTestId('agent-create-name').fill('Приёмщик');
  await page.getByTestId('agent-create-instructions').fill('Ты — вежливый приёмщик сервисного центра по ремонту телефонов.');
  await page.getByTestId('agent-create-submit').click();
  await page.waitForURL(/\/w\/[a-z0-9-]+\/agents\/[0-9a-f-]{36}$/);
  const editorUrl = page.url();

  // Pipelines: the workspace's default pipeline is offered; tick it, then two of its stages.
  await openTab(page, 'pipelines');
  const picks = page.getByTestId('pipeline-pick');
  await expect(picks).toHaveCount(1);
  await expect(picks.first()).toHaveAttribute('data-name', 'Основная воронка');
  await picks.first().click();
  const card = page.getByTestId('pipeline-card');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('pipeline-card-name')).toHaveText('Основная воронка');
  await card.getByTestId('pipeline-all-stages').click();
  const stages = card.getByTestId('pipeline-stage');
  await expect(stages).toHaveCount(9);
  await stages.nth(0).click();
  await stages.nth(2).click();
  const instructions = card.getByTestId('pipeline-stage-instruction');
  await expect(instructions).toHaveCount(2);
  await instructions.nth(1).fill('Назовите цену ремонта из прайса и срок.');
  await saveWithBar(page);

  await page.goto(`${editorUrl}?tab=pipelines`);
  await expect(page.getByTestId('pipeline-card')).toHaveCount(1);
  await expect(page.locator('[data-testid="pipeline-stage"][data-state="checked"]')).toHaveCount(2);
  await expect(page.getByTestId('pipeline-stage-instruction').nth(1)).toHaveValue('Назовите цену ремонта из прайса и срок.');
  await expect(page.getByTestId('crm-warnings')).toHaveCount(0);
  await shoot(page, 'agent-crm-pipelines-ru-light');

  // Sync with the CRM: nothing changed, and the dialog says so.
  await page.getByTestId('crm-sync').first().click();
  await expect(page.getByTestId('crm-sync-report')).toContainText('Всё уже совпадает с CRM');
  await shoot(page, 'agent-crm-sync-ru-light');
  await page.getByTestId('crm-sync-close').click();
  await expect(page.getByTestId('crm-sync-report')).toBeHidden();

  // CRM access: tick fields from the lists; an update rule picks its field from a select.
  await openTab(page, 'crm');
  await page.getByTestId('crm-deal-fields').locator('[data-code="price"]').click();
  await page.getByTestId('crm-deal-fields').locator('[data-code="device"]').click();
  await page.getByTestId('crm-contact-fields').locator('[data-code="phone"]').click();
  await expect(page.getByTestId('crm-deal-count')).toHaveText('выбрано 2');
  await saveWithBar(page);
  await page.getByTestId('rule-add').first().click();
  await expect(page.getByTestId('rule-dialog')).toBeVisible();
  await page.getByTestId('rule-field').click();
  await page.locator('[data-testid="rule-field-option"][data-code="price_quoted"]').click();
  await page.getByTestId('rule-condition').fill('Когда клиенту назвали цену ремонта');
  await shoot(page, 'agent-crm-rule-dialog-ru-light');
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('rule-dialog')).toBeHidden();
  await expect(page.getByTestId('rule-field-name')).toHaveText('Озвученная цена');
  await page.reload();
  await expect(page.locator('[data-testid="crm-field"][data-state="checked"]')).toHaveCount(3);
  await shoot(page, 'agent-crm-fields-ru-light');

  // English, dark: system field names follow the UI language.
  await page.getByTestId('theme-toggle').click();
  await page.getByTestId('theme-option-dark').click();
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await page.getByTestId('locale-select').click();
  await page.getByTestId('locale-option-en').click();
  await expect(page.getByTestId('rule-field-name')).toHaveText('Quoted price');
  await expect(page.getByTestId('crm-deal-count')).toHaveText('2 chosen');
  await shoot(page, 'agent-crm-fields-en-dark');
  await openTab(page, 'pipelines');
  await shoot(page, 'agent-crm-pipelines-en-dark');

  // A phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${editorUrl}?tab=pipelines`);
  await expect(page.getByTestId('pipeline-card')).toHaveCount(1);
  await shoot(page, 'agent-crm-pipelines-mobile-en-dark');
  await page.goto(`${editorUrl}?tab=crm`);
  await expect(page.getByTestId('rule-row')).toHaveCount(1);
  await shoot(page, 'agent-crm-fields-mobile-en-dark');

  expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
});
