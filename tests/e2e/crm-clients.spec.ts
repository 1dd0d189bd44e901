// Clients end to end: create a client by hand (and meet the duplicate-phone 409 in the form), add a
// fact, a note and a task on the card; import a CSV whose bad row the dry run shows and the import
// refuses, then a good file; merge a client with a Telegram channel into one with a phone and a
// dialog, and see both on the survivor while the other is gone. Then screenshots of the list, the
// card, the import preview and the merge dialog in ru/en/kk, light/dark, desktop/phone.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { register, settle, uniqueEmail, SHOTS } from './support/app';

test.describe.configure({ mode: 'serial' });

// One account for the file: the flow signs up, the screenshot test reuses its session.
let storage: Awaited<ReturnType<ReturnType<Page['context']>['storageState']>> | undefined;
let slug = '';
let tenant = '';
let survivorId = '';

function watchConsole(page: Page) {
  const errors: string[] = [];
  const expected = (status: number, method: string, url: string) => {
    const path = new URL(url).pathname;
    if (status === 409 && method === 'POST' && path === '/api/clients') return true; // duplicate phone, on purpose
    return status === 404 && method === 'GET' && path.startsWith('/api/clients/'); // the merged-away client
  };
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(msg.text());
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && !expected(res.status(), res.request().method(), res.url())) errors.push(`${res.status()} ${res.request().method()} ${res.url()}`);
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

async function shoot(page: Page, name: string) {
  await settle(page);
  await page.mouse.move(0, 0);
  const text = await page.locator('body').innerText();
  expect(text, `untranslated key on ${name}`).not.toMatch(/\b(clients|errors|common|nav|dashboard)\.[a-z][A-Za-z_]*(\.[A-Za-z_]+)+/);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, animations: 'disabled' });
}

const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

test('clients: create, card sections, CSV import with a bad row, merge', async ({ page }) => {
  test.setTimeout(300_000);
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/register');
  await register(page, uniqueEmail('clients'), 'Гульнара Ахметова', 'ТОО «Сервис Плюс»');
  slug = new URL(page.url()).pathname.split('/')[2];
  const { workspaces } = await (await page.request.get('/api/workspaces')).json();
  tenant = workspaces[0].id as string;
  const headers = { 'x-tenant-id': tenant };

  // The sidebar no longer says "soon"; the list starts empty.
  await page.goto(`/w/${slug}/clients`);
  await expect(page.getByTestId('clients-empty')).toBeVisible();

  // A client by hand: the phone in local format is stored as E.164.
  await page.getByTestId('clients-new').click();
  await page.getByTestId('client-form-name').fill('Айдар Сериков');
  await page.getByTestId('client-form-phone').fill('8 (701) 123-45-67');
  await page.getByTestId('client-form-email').fill('aidar@example.kz');
  await page.getByTestId('client-form-city').fill('Алматы');
  await page.getByTestId('client-form-telegram').fill('aidar_s');
  await page.getByTestId('client-form-submit').click();
  await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
  const aidarUrl = page.url();
  await expect(page.getByTestId('client-name')).toHaveText('Айдар Сериков');
  await expect(page.getByTestId('client-phone')).toContainText('+7 701 123 4567');
  await expect(page.getByTestId('channel-item')).toContainText('aidar_s');

  // The card's own sections.
  await page.getByTestId('fact-input').fill('Двое детей, звонить после 18:00');
  await page.getByTestId('fact-add').click();
  await expect(page.getByTestId('fact-item')).toContainText('Двое детей');
  await page.getByTestId('note-text').fill('Спрашивал про замену аккумулятора');
  await page.getByTestId('note-add').click();
  await expect(page.getByTestId('note-item')).toContainText('аккумулятора');
  await page.getByTestId('task-add').click();
  await page.getByTestId('task-text').fill('Перезвонить насчёт цены');
  await page.getByTestId('task-save').click();
  await expect(page.getByTestId('task-item')).toContainText('Перезвонить');
  await page.getByTestId('task-done').click();
  await expect(page.getByTestId('task-done')).toHaveAttribute('data-state', 'checked');
  await expect(page.getByTestId('timeline-item').first()).toBeVisible();

  // The same phone written another way is the same client: the form says so and links to it.
  await page.goto(`/w/${slug}/clients`);
  await expect(page.getByTestId('client-row')).toHaveCount(1);
  await page.getByTestId('clients-new').click();
  await page.getByTestId('client-form-name').fill('Айдар С.');
  await page.getByTestId('client-form-phone').fill('+77011234567');
  await page.getByTestId('client-form-submit').click();
  await expect(page.getByTestId('client-form-error')).toBeVisible();
  await expect(page.getByTestId('client-form-existing')).toHaveAttribute('href', new URL(aidarUrl).pathname);
  await page.keyboard.press('Escape');
  await page.getByTestId('unsaved-leave').click();
  await expect(page.getByTestId('client-form')).toBeHidden();

  // Search finds by phone in any format.
  await page.goto(`/w/${slug}/clients`);
  await page.getByTestId('clients-search').fill('87011234567');
  await expect(page.getByTestId('client-row')).toHaveCount(1);
  await page.getByTestId('clients-search').fill('');

  // CSV import: the dry run shows the bad row and the import button stays off.
  await page.getByTestId('clients-import').click();
  await page
    .getByTestId('import-file')
    .setInputFiles(csvFile('bad.csv', 'name,phone,email,city\nБолат Жумабаев,+77015550011,bolat@example.kz,Астана\nСауле Ким,12,saule@example.kz,Шымкент\n'));
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByTestId('import-preview').click();
  await expect(page.getByTestId('import-failed-row')).toHaveCount(1);
  await expect(page.getByTestId('import-failed-row')).toContainText('3');
  await expect(page.getByTestId('import-commit')).toBeDisabled();
  // Nothing was stored by the dry run.
  const during = await (await page.request.get('/api/clients?search=Болат', { headers })).json();
  expect(during.data).toHaveLength(0);
  // A fixed file goes through.
  await page.getByTestId('import-choose-another').click();
  await page
    .getByTestId('import-file')
    .setInputFiles(csvFile('good.csv', 'name,phone,email,city\nБолат Жумабаев,+77015550011,bolat@example.kz,Астана\nСауле Ким,+77015550022,saule@example.kz,Шымкент\n'));
  await page.getByTestId('import-preview').click();
  await expect(page.getByTestId('import-count-create')).toContainText('2');
  await expect(page.getByTestId('import-commit')).toBeEnabled();
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await page.getByTestId('import-close').click();
  await expect(page.getByTestId('client-row')).toHaveCount(3);
  await expect(page.getByTestId('clients-list')).toContainText('Сауле Ким');

  // Merge: one client known only by Telegram, one by phone with a dialog.
  const tg = await page.request.post('/api/clients', {
    headers,
    data: { name: 'Марат (Telegram)', channels: [{ channel_type: 'telegram', external_id: '700100200', username: 'marat_o' }] },
  });
  expect(tg.status(), await tg.text()).toBe(201);
  const tgId = (await tg.json()).client.id as string;
  const ph = await page.request.post('/api/clients', { headers, data: { name: 'Марат Оспанов', phone: '+77017770001', city: 'Алматы' } });
  expect(ph.status(), await ph.text()).toBe(201);
  survivorId = (await ph.json()).client.id as string;
  const deal = await page.request.post('/api/conversations', { headers, data: { client_id: survivorId, title: 'Замена экрана iPhone 13', price: 45000 } });
  expect(deal.status(), await deal.text()).toBe(201);

  await page.goto(`/w/${slug}/clients/${survivorId}`);
  await expect(page.getByTestId('dialog-item')).toHaveCount(1);
  await page.getByTestId('client-merge').click();
  await page.getByTestId('merge-picker-search').fill('Марат');
  await page.getByTestId('merge-picker-option').filter({ hasText: 'Telegram' }).click();
  await expect(page.getByTestId('merge-side-other')).toContainText('marat_o');
  await page.getByTestId('merge-confirm').click();
  await expect(page.getByTestId('merge-dialog')).toBeHidden();
  await expect(page.getByTestId('channel-item')).toContainText('marat_o');
  await expect(page.getByTestId('dialog-item')).toHaveCount(1);
  await expect(page.getByTestId('client-phone')).toContainText('+7 701 777 0001');
  await expect(page.locator('[data-testid="timeline-item"][data-type="client_merged"]')).toHaveCount(1);
  // The merged-away client is gone.
  await page.goto(`/w/${slug}/clients/${tgId}`);
  await expect(page.getByTestId('client-not-found')).toBeVisible();
  await page.goto(`/w/${slug}/clients`);
  await expect(page.getByTestId('client-row')).toHaveCount(4);

  storage = await page.context().storageState();
  expect(consoleErrors).toEqual([]);
});

async function setLocale(page: Page, locale: 'ru' | 'en' | 'kk') {
  await page.getByTestId('locale-select').click();
  await page.getByTestId(`locale-option-${locale}`).click();
  await page.waitForLoadState('networkidle');
}

async function openSession(browser: Browser) {
  const context = await browser.newContext({ storageState: storage });
  return context.newPage();
}

test('clients: screenshots in ru/en/kk, light/dark, desktop/phone', async ({ browser }) => {
  test.setTimeout(300_000);
  expect(slug, 'the flow test ran first').not.toBe('');
  const page = await openSession(browser);
  const consoleErrors = watchConsole(page);
  const desktop = { width: 1280, height: 900 };
  const phone = { width: 390, height: 844 };
  await page.setViewportSize(desktop);
  await page.emulateMedia({ colorScheme: 'light' });

  // The list.
  await page.goto(`/w/${slug}/clients`);
  await expect(page.getByTestId('client-row').first()).toBeVisible();
  await shoot(page, 'crm-clients-list-ru-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'crm-clients-list-ru-dark');
  await page.setViewportSize(phone);
  await expect(page.getByTestId('client-card-item').first()).toBeVisible();
  await shoot(page, 'mobile-crm-clients-list-ru-dark');
  await page.setViewportSize(desktop);

  // The card.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`/w/${slug}/clients/${survivorId}`);
  await expect(page.getByTestId('client-card')).toBeVisible();
  await shoot(page, 'crm-client-card-ru-light');
  await page.setViewportSize(phone);
  await shoot(page, 'mobile-crm-client-card-ru-light');
  await page.setViewportSize(desktop);

  // The merge dialog.
  await page.getByTestId('client-merge').click();
  await page.getByTestId('merge-picker-search').fill('Айдар');
  await page.getByTestId('merge-picker-option').first().click();
  await expect(page.getByTestId('merge-side-other')).toContainText('Айдар');
  await shoot(page, 'crm-client-merge-ru-light');
  await page.keyboard.press('Escape');

  // English, dark.
  await setLocale(page, 'en');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.getByTestId('card-channels')).toContainText('Channels');
  await shoot(page, 'crm-client-card-en-dark');
  await page.getByTestId('client-merge').click();
  await page.getByTestId('merge-picker-search').fill('Айдар');
  await page.getByTestId('merge-picker-option').first().click();
  await expect(page.getByTestId('merge-side-other')).toBeVisible();
  await page.setViewportSize(phone);
  await shoot(page, 'mobile-crm-client-merge-en-dark');
  await page.keyboard.press('Escape');
  await page.setViewportSize(desktop);

  // The import preview with a bad row, en dark and ru light.
  await page.goto(`/w/${slug}/clients`);
  await expect(page.getByTestId('client-row').first()).toBeVisible();
  await shoot(page, 'crm-clients-list-en-dark');
  await page.getByTestId('clients-import').click();
  await page.getByTestId('import-file').setInputFiles(csvFile('new.csv', 'name,phone,email\nЕрлан Абенов,+77019990011,erlan@example.kz\nBad Row,12,x@example.kz\n'));
  await page.getByTestId('import-preview').click();
  await expect(page.getByTestId('import-failed-row')).toHaveCount(1);
  await shoot(page, 'crm-clients-import-preview-en-dark');
  await page.keyboard.press('Escape');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(phone);
  await page.getByTestId('clients-import').click();
  await page.getByTestId('import-file').setInputFiles(csvFile('new.csv', 'name,phone,email\nЕрлан Абенов,+77019990011,erlan@example.kz\nBad Row,12,x@example.kz\n'));
  await page.getByTestId('import-preview').click();
  await expect(page.getByTestId('import-failed-row')).toHaveCount(1);
  await shoot(page, 'mobile-crm-clients-import-preview-en-light');
  await page.keyboard.press('Escape');
  await page.setViewportSize(desktop);

  // Kazakh once: the list on a phone and the card on a desktop.
  await setLocale(page, 'kk');
  await expect(page.getByTestId('clients-page')).toContainText('Клиенттер');
  await expect(page.getByTestId('client-row').first()).toBeVisible();
  await shoot(page, 'crm-clients-list-kk-light');
  await page.setViewportSize(phone);
  await shoot(page, 'mobile-crm-clients-list-kk-light');
  await page.setViewportSize(desktop);
  await page.goto(`/w/${slug}/clients/${survivorId}`);
  await expect(page.getByTestId('card-channels')).toContainText('Арналар');
  await shoot(page, 'crm-client-card-kk-light');
  await setLocale(page, 'ru');

  expect(consoleErrors).toEqual([]);
  await page.context().close();
});
