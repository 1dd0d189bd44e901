// Background text extraction from PDF/DOCX: the upload answers at once with status
// "pending"; the job reads the file under caps on inflated size, pages and time, and a
// zip bomb or a pathological PDF fails that one file with a clear reason while the
// other files of the same upload are read normally.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { buildPdf, createArticle, createCategory, fileForm, outboxEvents, runPendingExtractions, type TestUser } from '../helpers/kb';
import { buildDocx, buildZip } from '../helpers/zip';
import { resetEnvCache } from '@/lib/env';
import type { Database } from '@/lib/db/client';

let db: Database;
let A: TestUser;
let cat: { id: string };

beforeAll(async () => {
  process.env.RATE_LIMIT_DISABLED = '1';
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Extraction Co' });
  cat = await createCategory(A.token, { name: 'Docs' });
});
afterAll(async () => {
  delete process.env.RATE_LIMIT_DISABLED;
  await teardownTestDatabase();
});
afterEach(() => {
  delete process.env.KB_EXTRACT_TIMEOUT_MS;
  resetEnvCache();
});

const DOCX_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const DOCX_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/** A real DOCX whose document.xml inflates to ~150 MB of whitespace around one paragraph (about 150 KB on disk). */
function docxBomb(): Uint8Array {
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
  );
  const tail = Buffer.from('<w:p><w:r><w:t>bomb</w:t></w:r></w:p></w:body></w:document>');
  const document = Buffer.concat([head, Buffer.alloc(150 * 1024 * 1024, 0x20), tail]);
  return buildZip(
    [
      { name: '[Content_Types].xml', data: DOCX_TYPES },
      { name: '_rels/.rels', data: DOCX_RELS },
      { name: 'word/document.xml', data: document },
    ],
    { deflate: true },
  );
}

/** A well-formed PDF with `count` real (tiny) pages sharing one content stream. */
function pdfWithPages(count: number): Uint8Array {
  const stream = 'BT /F1 12 Tf 72 720 Td (Many pages) Tj ET';
  const pageIds = Array.from({ length: count }, (_, i) => i + 5);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${count} >>`,
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...pageIds.map(() => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>'),
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

async function upload(title: string, files: { name: string; bytes: Uint8Array | string }[]) {
  const a = await createArticle(A.token, { title, content: 'Article body text.', categories: [cat.id] });
  const res = await api('POST', `/api/kb/articles/${a.id}/files`, { token: A.token, form: fileForm(files) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { article: a, files: res.body.files as { id: string; file_name: string; extraction_status: string }[] };
}

async function detailFiles(articleId: number) {
  const res = await api('GET', `/api/kb/articles/${articleId}`, { token: A.token });
  return Object.fromEntries(
    (res.body.article.files as { file_name: string; extraction_status: string; extraction_error: string | null; has_text: boolean }[]).map((f) => [
      f.file_name,
      f,
    ]),
  );
}

describe('background extraction', () => {
  it('the upload answers at once with pending, and queues one job per PDF/DOCX', async () => {
    const { article, files } = await upload('Queued', [
      { name: 'a.pdf', bytes: buildPdf('Queued pdf text') },
      { name: 'b.docx', bytes: buildDocx(['Queued docx text']) },
      { name: 'c.txt', bytes: 'plain text read at once' },
    ]);
    expect(Object.fromEntries(files.map((f) => [f.file_name, f.extraction_status]))).toEqual({ 'a.pdf': 'pending', 'b.docx': 'pending', 'c.txt': 'done' });
    const events = (await outboxEvents(db, A.workspaceId)).filter((e) => e.name === 'kb/file.uploaded' && e.data.article_id === article.id);
    expect(events.map((e) => (e.data as unknown as { file_id: string }).file_id).sort()).toEqual(
      files.filter((f) => f.file_name !== 'c.txt').map((f) => f.id).sort(),
    );
    await runPendingExtractions(db, A.workspaceId);
    const after = await detailFiles(article.id);
    expect(after['a.pdf']).toMatchObject({ extraction_status: 'done', extraction_error: null, has_text: true });
    expect(after['b.docx']).toMatchObject({ extraction_status: 'done', has_text: true });
    // A second delivery of the same event does nothing.
    expect((await runPendingExtractions(db, A.workspaceId)).length).toBe(0);
  });

  it('a DOCX zip bomb fails alone with too_large; the other files of the upload are read', async () => {
    const bomb = docxBomb();
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const { article } = await upload('Bomb', [
      { name: 'bomb.docx', bytes: bomb },
      { name: 'fine.docx', bytes: buildDocx(['A perfectly normal contract']) },
    ]);
    const before = process.memoryUsage().rss;
    const outcomes = await runPendingExtractions(db, A.workspaceId);
    // The cap (100 MB by default) bounds what inflating may cost.
    expect(process.memoryUsage().rss - before).toBeLessThan(400 * 1024 * 1024);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['done', 'failed']);
    const files = await detailFiles(article.id);
    expect(files['bomb.docx']).toMatchObject({ extraction_status: 'failed', extraction_error: 'too_large', has_text: false });
    expect(files['fine.docx']).toMatchObject({ extraction_status: 'done', extraction_error: null, has_text: true });
    const chunks = await db.query<{ content: string }>('select content from kb_chunks where article_id = $1', [article.id]);
    expect(chunks.some((c) => c.content.includes('perfectly normal contract'))).toBe(true);
  });

  it('a PDF with more pages than KB_EXTRACT_MAX_PAGES (2000) fails with too_many_pages', async () => {
    const { article } = await upload('Pages', [{ name: 'pages.pdf', bytes: pdfWithPages(2500) }]);
    await runPendingExtractions(db, A.workspaceId);
    expect((await detailFiles(article.id))['pages.pdf']).toMatchObject({ extraction_status: 'failed', extraction_error: 'too_many_pages' });
  });

  it('a document that takes longer than KB_EXTRACT_TIMEOUT_MS fails with timeout', async () => {
    // 300 pages read one by one cannot finish inside 1 ms, however warm the parser is.
    const { article } = await upload('Slow', [{ name: 'slow.pdf', bytes: pdfWithPages(300) }]);
    process.env.KB_EXTRACT_TIMEOUT_MS = '1';
    resetEnvCache();
    await runPendingExtractions(db, A.workspaceId);
    expect((await detailFiles(article.id))['slow.pdf']).toMatchObject({ extraction_status: 'failed', extraction_error: 'timeout' });
  });
});
