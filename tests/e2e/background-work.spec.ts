// Settings → Background work: an owner sees the scheduled jobs the app's own runner already ran
// on start-up (the weekly clean-up succeeded, the embeddings refresh skipped for want of a
// provider, each with its next window), the engine (the built-in runner: no Inngest here) and
// the workspace's queue. Then the panel in ru/en/kk, light/dark, desktop/phone.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { login, signUp, watchConsole, type Workspace } from './support/app';

test.describe.configure({ mode: 'serial' });
const expect = baseExpect.configure({ timeout: 30_000 });
const SHOTS = 'test-results/screenshots';
let ws: Workspace;

async function shootPanel(page: Page, name: string) {
  const panel = page.getByTestId('settings-background-work');
  await page.evaluate(() => document.fonts.ready);
  await page.mouse.move(0, 0);
  expect(await panel.innerText(), `untranslated key on ${name}`).not.toMatch(/\bbackground\.[a-z][A-Za-z_.]*/);
  await page.addStyleTag({ content: 'header.sticky { position: static !important; }' });
  await panel.screenshot({ path: `${SHOTS}/${name}.png`, animations: 'disabled' });
}

test('an owner sees the scheduled jobs, the engine and the queue', async ({ page }) => {
  const consoleErrors = watchConsole(page);
  ws = await signUp(page, 'bg', 'Асель Нурланова', 'Фон и Ко');
  await page.goto(`/w/${ws.slug}/settings`);
  const panel = page.getByTestId('settings-background-work');
  await expect(panel.getByRole('heading', { name: 'Фоновая работа' })).toBeVisible();
  await expect(panel.getByTestId('background-engine')).toHaveText('Встроенный исполнитель');
  const cleanup = panel.getByTestId('background-job-cleanup');
  await expect(cleanup).toContainText('Еженедельная очистка');
  // The runner ran both jobs when the server started.
  await expect(cleanup).toContainText('успешно');
  await expect(cleanup).toContainText(/Удалено записей: \d+/);
  // The next clean-up is on a Sunday (the app's locale formats the date; check the API too).
  const res = await page.request.get('/api/admin/background-work', { headers: { 'x-tenant-id': ws.tenant } });
  const body = await res.json();
  const next = new Date(body.jobs.find((j: { name: string }) => j.name === 'cleanup').next_run_at);
  expect(next.getUTCDay()).toBe(0);
  expect(next.getTime()).toBeGreaterThan(Date.now());
  const embeddings = panel.getByTestId('background-job-kb_embeddings');
  await expect(embeddings).toContainText('пропущено');
  await expect(embeddings).toContainText('не подключён провайдер эмбеддингов');
  await expect(panel.getByTestId('background-backlog')).toContainText('Событий ждут отправки');
  expect(consoleErrors).toEqual([]);
});

test('Background work screenshots: ru/en/kk, light/dark, desktop/phone', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/login');
  await login(page, ws.email);
  const look = async (locale: 'ru' | 'en' | 'kk', theme: 'light' | 'dark', width: number) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/w/${ws.slug}/profile`);
    await page.getByTestId('theme-toggle').click();
    await page.getByTestId(`theme-option-${theme}`).click();
    await page.getByTestId('locale-select').click();
    await page.getByTestId(`locale-option-${locale}`).click();
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/w/${ws.slug}/settings`);
    await expect(page.getByTestId('background-job-cleanup')).toBeVisible();
  };
  await look('ru', 'light', 1280);
  await shootPanel(page, 'background-work-ru-light-desktop');
  await look('en', 'dark', 390);
  await shootPanel(page, 'background-work-en-dark-phone');
  await look('kk', 'dark', 1280);
  await shootPanel(page, 'background-work-kk-dark-desktop');
  await look('kk', 'light', 390);
  await shootPanel(page, 'background-work-kk-light-phone');
  await look('ru', 'light', 1280);
});
