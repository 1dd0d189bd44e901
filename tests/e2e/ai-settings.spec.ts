// Settings → AI provider end to end: a fresh workspace has no model (agents answer from the
// knowledge base only, said plainly); a private base URL for an own server is refused with a
// clear message; an OpenAI key added by the owner shows as connected by its last characters
// only, survives a reload and the page never shows the key. Then screenshots of the section in
// ru/en/kk, light/dark, desktop/phone.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { register, uniqueEmail, watchConsole } from './support/app';

test.describe.configure({ mode: 'serial' });
const expect = baseExpect.configure({ timeout: 60_000 });

const SHOTS = 'test-results/screenshots';
const KEY = 'sk-e2e-live-key-0123456789-9f3a';
let slug = '';
let email = '';

/** The AI provider section only (the settings page is long), after checking no key leaked. */
async function shoot(page: Page, name: string) {
  const section = page.getByTestId('settings-ai-provider');
  await expect(section.locator('[data-slot="skeleton"]')).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready);
  await page.mouse.move(0, 0);
  const text = await section.innerText();
  expect(text, `untranslated key on ${name}`).not.toMatch(/\b(aiSettings|errors)\.[a-z][A-Za-z_-]*(\.[A-Za-z_-]+)*/);
  expect(text).not.toContain(KEY);
  // The sticky top bar would sit over a tall section scrolled into view on a phone.
  await page.addStyleTag({ content: 'header.sticky { position: static !important; }' });
  await section.screenshot({ path: `${SHOTS}/${name}.png`, animations: 'disabled' });
}

test('AI provider: knowledge-base-only until a key is added, private URL refused, key shown by its hint', async ({ page }) => {
  test.setTimeout(600_000);
  // The refused private address answers 400 on purpose.
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/register');
  email = uniqueEmail('ai-settings');
  await register(page, email, 'Асель Нурланова', 'ИП «Сервис Плюс»');
  slug = new URL(page.url()).pathname.split('/')[2]!;

  await page.goto(`/w/${slug}/settings`);
  const section = page.getByTestId('settings-ai-provider');
  await expect(section.getByTestId('ai-mode-kb-only')).toBeVisible();
  await expect(section.getByTestId('ai-provider-openai').getByTestId('ai-provider-state')).toHaveText('Не подключён');
  await expect(section.getByTestId('ai-quota')).toContainText('0 из');
  await shoot(page, 'ai-settings-kb-only-ru-light-desktop');

  // An own server on this machine: refused unless the operator allows private addresses.
  await section.getByTestId('ai-key-edit-custom').click();
  const custom = section.getByTestId('ai-key-form-custom');
  await custom.getByTestId('ai-key-base-url').fill('http://localhost:11434/v1');
  await custom.getByTestId('ai-key-model').fill('qwen2.5:7b-instruct');
  await custom.getByTestId('ai-key-save').click();
  await expect(custom).toContainText('AI_ALLOW_PRIVATE_BASE_URLS=1');
  await custom.getByRole('button', { name: 'Отмена' }).click();

  // An OpenAI key: saved, shown by its last four characters, the mode switches to the model.
  await section.getByTestId('ai-key-edit-openai').click();
  const form = section.getByTestId('ai-key-form-openai');
  await form.getByTestId('ai-key-api-key').fill(KEY);
  await form.getByTestId('ai-key-save').click();
  await expect(form).toBeHidden();
  const openai = section.getByTestId('ai-provider-openai');
  await expect(openai.getByTestId('ai-provider-state')).toHaveText('Ключ пространства ••••9f3a');
  await expect(section.getByTestId('ai-mode-model')).toBeVisible();
  await expect(section.getByTestId('ai-key-remove-openai')).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('settings-ai-provider').getByTestId('ai-provider-openai').getByTestId('ai-provider-state')).toHaveText('Ключ пространства ••••9f3a');
  expect(await page.content()).not.toContain(KEY);
  const { data } = await (await page.request.get('/api/ai/keys', { headers: { 'x-tenant-id': (await (await page.request.get('/api/workspaces')).json()).workspaces[0].id } })).json();
  expect(data).toEqual([expect.objectContaining({ provider: 'openai', key_hint: '9f3a' })]);
  expect(JSON.stringify(data)).not.toContain(KEY);

  expect(consoleErrors.filter((e) => !/^400 PUT .*\/api\/ai\/keys\/custom$/.test(e))).toEqual([]);
});

test('AI provider screenshots: ru/en/kk, light/dark, desktop/phone', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto('/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill('Kx7#north-wind-42');
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/w\/[a-z0-9-]+$/);

  const look = async (locale: 'ru' | 'en' | 'kk', theme: 'light' | 'dark', width: number) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/w/${slug}/settings`);
    await page.getByTestId('theme-toggle').click();
    await page.getByTestId(`theme-option-${theme}`).click();
    await expect(page.locator('html')).toHaveClass(theme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/);
    await page.getByTestId('locale-select').click();
    await page.getByTestId(`locale-option-${locale}`).click();
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/w/${slug}/settings`);
  };

  await look('ru', 'light', 1280);
  await shoot(page, 'ai-settings-ru-light-desktop');
  // The key form open, on a phone.
  await look('kk', 'dark', 390);
  await page.getByTestId('ai-key-edit-custom').click();
  await shoot(page, 'ai-settings-custom-form-kk-dark-phone');
  await look('en', 'dark', 1280);
  await shoot(page, 'ai-settings-en-dark-desktop');
  await look('en', 'light', 390);
  await shoot(page, 'ai-settings-en-light-phone');
  await look('ru', 'light', 1280);
});
