// What the runtime leaves for the team, as the owner sees it: a customer question the agent
// could not answer (knowledge-base-only: the e2e server has no model) lands in the knowledge
// base's "questions the agent could not answer" list, an article written from it resolves it;
// the drafts a check-before-send agent wrote arrive as notifications (bell count, the page,
// mark read); the agents list and editor show readiness instead of a bare "active". Screenshots
// of the notifications page and the readiness panel in ru/en/kk, light/dark, desktop/phone.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { register, shoot, uniqueEmail, watchConsole } from './support/app';

const expect = baseExpect.configure({ timeout: 30_000 });

async function setLocale(page: Page, locale: 'ru' | 'en' | 'kk') {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('locale-select').click();
  await page.getByTestId(`locale-option-${locale}`).click();
}

test('unanswered question → article; draft notifications; readiness in every look', async ({ page }) => {
  test.setTimeout(300_000);
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/register');
  await register(page, uniqueEmail('runtime-ops'), 'Данияр Ахметов', 'Мебель «Уют»');
  const slug = new URL(page.url()).pathname.split('/')[2]!;
  const tenant = ((await (await page.request.get('/api/workspaces')).json()).workspaces as { id: string; slug: string }[]).find(
    (w) => w.slug === slug,
  )!.id;
  const headers = { 'x-tenant-id': tenant };
  const call = async (method: 'post' | 'patch' | 'put', url: string, data: unknown) => {
    const res = await page.request[method](url, { headers, data });
    expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };

  const { category } = await call('post', '/api/kb/categories', { name: 'Кухни' });
  await call('post', '/api/kb/articles', {
    title: 'Сроки изготовления кухни',
    content: 'Кухню на заказ изготавливаем за 21 рабочий день после замера и предоплаты.',
    categories: [category.id],
  });
  const { agent } = await call('post', '/api/agents', {
    name: 'Менеджер по кухням',
    system_instructions: 'Отвечай кратко и вежливо, по базе знаний.',
    check_before_send: true,
  });

  // A question the knowledge base cannot answer, asked in the test chat twice.
  const unknown = 'У вас есть парковка для клиентов возле шоурума?';
  const first = await call('post', '/api/chat/send', { agent_id: agent.id, message: unknown });
  expect(first.outcome).toBe('draft');
  expect(first.message.turn.no_answer).toBe(true);
  await call('post', '/api/chat/send', { agent_id: agent.id, message: unknown, conversation_id: first.conversation_id });

  // The quality page lists it once, asked twice; an article written from it resolves it.
  await page.goto(`/w/${slug}/knowledge-base/quality`);
  const row = page.getByTestId('kbq-question-row').filter({ hasText: 'парковка' });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('kbq-question-count')).toContainText('2');
  await shoot(page, 'runtime-ops-unanswered-ru-light');
  await row.getByTestId('kbq-write-article').click();
  await expect(page.getByTestId('kb-from-question')).toBeVisible();
  // An article needs a category: the editor takes one from the address, as from a category's list.
  await page.goto(`${page.url()}&category=${category.id}`);
  await expect(page.getByTestId('kb-from-question')).toBeVisible();
  await expect(page.getByTestId('kb-article-category-chips')).toContainText('Кухни');
  await expect(page.getByTestId('kb-article-title')).toHaveValue(/парковка/);
  await page.getByTestId('kb-article-title').fill('Парковка у шоурума');
  await page.getByTestId('kb-article-content').fill('У шоурума есть бесплатная парковка для клиентов на 20 машин, въезд со стороны двора.');
  await page.getByTestId('kb-article-save').click();
  await page.waitForURL(/\/knowledge-base\/articles\/\d+$/);
  await page.goto(`/w/${slug}/knowledge-base/quality`);
  await expect(page.getByTestId('kbq-question-row').filter({ hasText: 'парковка' })).toHaveCount(0);
  const resolved = await (await page.request.get('/api/kb/unanswered?status=resolved', { headers })).json();
  expect(resolved.data.map((q: { question: string }) => q.question)).toContain(unknown);

  // Now the same question is answered from the new article.
  const again = await call('post', '/api/chat/send', { agent_id: agent.id, message: unknown });
  expect(again.message.turn.no_answer).toBe(false);
  expect(again.message.content).toContain('парковка');

  // Drafts arrived as notifications: the bell counts them, the page lists them, mark all read.
  await page.goto(`/w/${slug}/notifications`);
  await expect(page.getByTestId('notification-bell-count')).toHaveText('3');
  await expect(page.getByTestId('notification')).toHaveCount(3);
  await expect(page.getByTestId('notification-title').first()).toHaveText('Черновик ждёт проверки');
  await shoot(page, 'runtime-ops-notifications-ru-light');
  await page.getByTestId('notification-read').first().click();
  await expect(page.getByTestId('notification-bell-count')).toHaveText('2');
  await page.getByTestId('notifications-read-all').click();
  await expect(page.getByTestId('notification-bell-count')).toBeHidden();

  // Readiness: the agent answers from the knowledge base only (no model on this server).
  await page.goto(`/w/${slug}/agents/${agent.id}`);
  await expect(page.getByTestId('agent-readiness-panel')).toBeVisible();
  await expect(page.getByTestId('readiness-check-knowledge')).toBeVisible();
  await shoot(page, 'runtime-ops-readiness-ru-light');

  // The notifications page and the readiness panel in the other looks.
  const looks = [
    { locale: 'en', scheme: 'dark', width: 1280, tag: 'en-dark' },
    { locale: 'kk', scheme: 'light', width: 390, tag: 'kk-light-phone' },
    { locale: 'ru', scheme: 'dark', width: 390, tag: 'ru-dark-phone' },
  ] as const;
  for (const look of looks) {
    await setLocale(page, look.locale);
    await page.emulateMedia({ colorScheme: look.scheme });
    await page.setViewportSize({ width: look.width, height: look.width < 500 ? 844 : 900 });
    await page.goto(`/w/${slug}/notifications`);
    await expect(page.getByTestId('notification')).toHaveCount(3);
    await shoot(page, `runtime-ops-notifications-${look.tag}`);
    await page.goto(`/w/${slug}/agents/${agent.id}`);
    await expect(page.getByTestId('agent-readiness-panel')).toBeVisible();
    await shoot(page, `runtime-ops-readiness-${look.tag}`);
  }
  await page.goto(`/w/${slug}/knowledge-base/quality`);
  await shoot(page, 'runtime-ops-unanswered-ru-dark-phone');
  expect(consoleErrors, 'browser console errors').toEqual([]);
});
