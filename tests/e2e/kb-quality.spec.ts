// Knowledge-base search quality as the owner sees it: the quality page (questions the agent
// could not answer, synonyms), a synonym added from the UI making a customer's word find the
// article in the knowledge-base search, which says plainly that it runs without semantic search
// (no embeddings configured in this run), and a duplicate term refused with a translated reason.
// Recording unanswered questions is the runtime's job (no endpoint creates them; this run has no
// model), so their list is checked empty here and their resolve/dismiss flow in
// tests/integration/kb-unanswered.test.ts.
import { expect, test } from '@playwright/test';
import { register, shoot, uniqueEmail, watchConsole } from './support/app';

test('synonyms teach search the customer’s word; the quality page in every look', async ({ page }) => {
  test.setTimeout(240_000);
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/register');
  await register(page, uniqueEmail('kbq'), 'Айгерим Сапарова', 'Стоматология «Улыбка»');

  const { workspaces } = await (await page.request.get('/api/workspaces')).json();
  const headers = { 'x-tenant-id': workspaces[0].id as string };
  const cat = await page.request.post('/api/kb/categories', { headers, data: { name: 'Хирургия' } });
  expect(cat.status()).toBe(201);
  const art = await page.request.post('/api/kb/articles', {
    headers,
    data: {
      title: 'Удаление зуба мудрости',
      content: 'Удаляем зубы мудрости: простое удаление 30 000 ₸, сложное (зуб лежит в кости) 50 000 ₸.',
      categories: [(await cat.json()).category.id],
    },
  });
  expect(art.status()).toBe(201);

  // The knowledge base: the customer's word finds nothing yet, and search says it is text only.
  await page.getByTestId('nav-knowledge-base').click();
  await page.waitForURL(/\/knowledge-base$/);
  await page.getByTestId('kb-search').fill('вырвать восьмерку');
  await expect(page.getByTestId('kb-semantic-off')).toBeVisible();
  await expect(page.getByTestId('kb-no-results')).toBeVisible();

  // The quality page: no unanswered questions, no synonyms; add one.
  await page.getByTestId('kb-quality-link').click();
  await page.waitForURL(/\/knowledge-base\/quality$/);
  await expect(page.getByTestId('kbq-unanswered-empty')).toBeVisible();
  await expect(page.getByTestId('kbq-synonyms-empty')).toBeVisible();
  await page.getByTestId('kbq-synonym-add').click();
  await page.getByTestId('kbq-synonym-term').fill('восьмерка');
  await page.getByTestId('kbq-synonym-words').fill('зуб мудрости, третий моляр');
  await page.getByTestId('kbq-synonym-save').click();
  await expect(page.getByTestId('kbq-synonym-dialog')).toBeHidden();
  await expect(page.getByTestId('kbq-synonym-row-term')).toHaveText(['восьмерка']);

  // The same term again (other case) is refused, in words.
  await page.getByTestId('kbq-synonym-add').click();
  await page.getByTestId('kbq-synonym-term').fill('Восьмерка');
  await page.getByTestId('kbq-synonym-words').fill('что-то');
  await page.getByTestId('kbq-synonym-save').click();
  await expect(page.getByTestId('kbq-synonym-error')).toHaveText('Для этого слова синонимы уже есть — измените ту запись.');
  await shoot(page, 'kbq-synonym-exists-ru-light');
  await page.keyboard.press('Escape');
  await page.getByTestId('kbq-synonym-add').click();
  await page.getByTestId('kbq-synonym-term').fill('зум');
  await page.getByTestId('kbq-synonym-words').fill('отбеливание');
  await page.getByTestId('kbq-synonym-save').click();
  await expect(page.getByTestId('kbq-synonym-row')).toHaveCount(2);
  await shoot(page, 'kbq-page-ru-light');

  // Now the customer's word finds the article.
  await page.goto(page.url().replace(/\/quality$/, ''));
  await page.getByTestId('kb-search').fill('вырвать восьмерку');
  await expect(page.getByTestId('kb-article-row')).toHaveCount(1);
  await expect(page.getByTestId('kb-article-row').first()).toContainText('Удаление зуба мудрости');
  await shoot(page, 'kbq-search-ru-light');

  // A new article page opened for a question that does not exist is a plain new article.
  await page.goto(`${page.url().split('?')[0]}/articles/new?question=00000000-0000-4000-8000-000000000000`);
  await expect(page.getByTestId('kb-article-editor')).toBeVisible();
  await expect(page.getByTestId('kb-from-question')).toBeHidden();
  await page.goBack();

  // English, dark; Kazakh on a phone.
  await page.getByTestId('theme-toggle').click();
  await page.getByTestId('theme-option-dark').click();
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await page.getByTestId('locale-select').click();
  await page.getByTestId('locale-option-en').click();
  await page.goto(page.url().split('?')[0].replace(/\/knowledge-base.*$/, '/knowledge-base/quality'));
  await expect(page.getByRole('heading', { name: 'Search quality' })).toBeVisible();
  await shoot(page, 'kbq-page-en-dark');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('locale-select').click();
  await page.getByTestId('locale-option-kk').click();
  await expect(page.getByRole('heading', { name: 'Іздеу сапасы' })).toBeVisible();
  await shoot(page, 'kbq-page-kk-dark-phone');
  await page.getByTestId('kbq-synonym-delete').first().click();
  await expect(page.getByTestId('kbq-synonym-row')).toHaveCount(1);

  expect(consoleErrors.filter((e) => !e.startsWith('409 POST')), consoleErrors.join('\n')).toEqual([]);
});
