// Background text extraction as the owner sees it: a DOCX zip bomb uploaded to an article
// is kept, fails alone with a translated reason in the article editor, and a normal DOCX
// of the same upload is read.
import { expect, test } from '@playwright/test';
import { buildDocx, buildZip } from '../helpers/zip';
import { register, shoot, uniqueEmail, watchConsole } from './support/app';

const TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

function docxBomb(): Buffer {
  const head = Buffer.from('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>');
  const tail = Buffer.from('<w:p><w:r><w:t>bomb</w:t></w:r></w:p></w:body></w:document>');
  const zip = buildZip(
    [
      { name: '[Content_Types].xml', data: TYPES },
      { name: '_rels/.rels', data: RELS },
      { name: 'word/document.xml', data: Buffer.concat([head, Buffer.alloc(150 * 1024 * 1024, 0x20), tail]) },
    ],
    { deflate: true },
  );
  return Buffer.from(zip);
}

test('a zip bomb fails alone with a clear status in the article editor', async ({ page }) => {
  test.setTimeout(240_000);
  const consoleErrors = watchConsole(page);
  await page.goto('/register');
  await register(page, uniqueEmail('extract'), 'Айгерим Сапарова', 'ТОО «Бомба»');

  // Session writes name their workspace (as the dashboard's API client does).
  const { workspaces } = await (await page.request.get('/api/workspaces')).json();
  const headers = { 'x-tenant-id': workspaces[0].id as string };
  const cat = await page.request.post('/api/kb/categories', { headers, data: { name: 'Договоры' } });
  expect(cat.status()).toBe(201);
  const art = await page.request.post('/api/kb/articles', {
    headers,
    data: { title: 'Договор поставки', content: 'Условия поставки и оплаты.', categories: [(await cat.json()).category.id] },
  });
  expect(art.status()).toBe(201);
  const articleId = (await art.json()).article.id as number;

  const up = await page.request.post(`/api/kb/articles/${articleId}/files`, {
    headers,
    multipart: {
      files: { name: 'bomb.docx', mimeType: 'application/octet-stream', buffer: docxBomb() },
    },
  });
  expect(up.status(), await up.text()).toBe(201);
  expect((await up.json()).files[0].extraction_status).toBe('pending');
  const ok = await page.request.post(`/api/kb/articles/${articleId}/files`, {
    headers,
    multipart: { files: { name: 'contract.docx', mimeType: 'application/octet-stream', buffer: Buffer.from(buildDocx(['Оплата в течение 10 дней'])) } },
  });
  expect(ok.status()).toBe(201);

  // The in-process job reads both in the background; the API shows where each stands.
  await expect
    .poll(
      async () => {
        const files = (await (await page.request.get(`/api/kb/articles/${articleId}`)).json()).article.files as { file_name: string; extraction_status: string; extraction_error: string | null }[];
        return Object.fromEntries(files.map((f) => [f.file_name, `${f.extraction_status}:${f.extraction_error}`]));
      },
      { timeout: 120_000, intervals: [1_000, 2_000, 3_000] },
    )
    .toEqual({ 'bomb.docx': 'failed:too_large', 'contract.docx': 'done:null' });

  await page.goto(`/dashboard/knowledge-base/articles/${articleId}`);
  const meta = page.getByTestId('kb-file-meta');
  await expect(meta).toHaveCount(2);
  await expect(meta.first()).toContainText('текст не прочитан: документ в распакованном виде больше допустимого');
  await expect(meta.nth(1)).not.toContainText('текст не прочитан');
  await shoot(page, 'kb-file-extraction-failed-ru-light');
  expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
});
