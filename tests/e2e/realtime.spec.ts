// Live updates end to end: the dashboard holds one EventSource on /api/events/stream; a deal
// created elsewhere (through the API, as another tab or the channel path would) appears on the
// open deals board without a reload, and an operator's reply moves its "last message" too.
// Screenshots of the live board in ru/en/kk, light/dark, desktop/phone.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { register, shoot, uniqueEmail, watchConsole } from './support/app';

const expect = baseExpect.configure({ timeout: 20_000 });

async function setLocale(page: Page, locale: 'ru' | 'en' | 'kk') {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('locale-select').click();
  await page.getByTestId(`locale-option-${locale}`).click();
}

test('a deal created elsewhere appears on the open board, live, in every look', async ({ page }) => {
  test.setTimeout(240_000);
  const consoleErrors = watchConsole(page);
  const streams: string[] = [];
  page.on('request', (req) => {
    if (new URL(req.url()).pathname === '/api/events/stream') streams.push(req.url());
  });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/register');
  await register(page, uniqueEmail('realtime'), 'Асель Нурланова', 'Сервис «Смартфон»');
  const slug = new URL(page.url()).pathname.split('/')[2]!;
  const tenant = ((await (await page.request.get('/api/workspaces')).json()).workspaces as { id: string; slug: string }[]).find(
    (w) => w.slug === slug,
  )!.id;
  const post = async (url: string, data: unknown) => {
    const res = await page.request.post(url, { headers: { 'x-tenant-id': tenant }, data });
    expect(res.status(), `${url}: ${await res.text()}`).toBe(201);
    return res.json();
  };

  // The dashboard home opened its own stream once hydrated.
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
  streams.length = 0;
  await page.goto(`/w/${slug}/deals`);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
  expect(streams.length).toBe(1);
  expect(new URL(streams[0]).searchParams.get('workspace_id')).toBe(tenant);

  // Created outside this page: no reload, no refetch on focus (off in the dashboard) — only the
  // live event can bring it.
  const { client } = await post('/api/clients', { name: 'Айгерим Сейтова', phone: '8 (701) 123-45-67' });
  const deal = (await post('/api/conversations', { client_id: client.id, title: 'Замена экрана', price: 45000 })).conversation;
  await expect(page.getByTestId('deal-card').filter({ hasText: 'Замена экрана' })).toBeVisible();
  await post('/api/conversations', { client_id: client.id, title: 'Замена батареи', price: 18000 });
  await expect(page.getByTestId('deal-card')).toHaveCount(2);
  await post(`/api/conversations/${deal.id}/messages`, { content: 'Здравствуйте! Экран будет готов завтра.' });
  await shoot(page, 'realtime-board-ru-light');

  const looks = [
    { locale: 'en', scheme: 'dark', width: 1280, tag: 'en-dark' },
    { locale: 'kk', scheme: 'light', width: 390, tag: 'kk-light-phone' },
    { locale: 'ru', scheme: 'dark', width: 390, tag: 'ru-dark-phone' },
  ] as const;
  let expected = 2;
  for (const look of looks) {
    await setLocale(page, look.locale);
    await page.emulateMedia({ colorScheme: look.scheme });
    await page.setViewportSize({ width: look.width, height: look.width < 500 ? 844 : 900 });
    await page.goto(`/w/${slug}/deals`);
    await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
    await expect(page.getByTestId('deal-card')).toHaveCount(expected);
    expected += 1;
    await post('/api/conversations', { client_id: client.id, title: `Диагностика ${look.tag}`, price: 5000 });
    await expect(page.getByTestId('deal-card').filter({ hasText: `Диагностика ${look.tag}` })).toBeVisible();
    await shoot(page, `realtime-board-${look.tag}`);
  }
  // About one stream per page load (a locale switch may reload the page), never a reconnect storm.
  expect(streams.length).toBeLessThanOrEqual(2 * (1 + looks.length));
  expect(consoleErrors, 'browser console errors').toEqual([]);
});
