// Knowledge-base files: upload (several at once), real type checks, size limit,
// text extraction from PDF/DOCX/TXT/HTML, download, delete, duplicate with files.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { addMember, buildPdf, createArticle, createCategory, fileForm, outboxEvents, runPendingExtractions, type TestUser } from '../helpers/kb';
import { buildDocx, buildZip } from '../helpers/zip';
import { captureLogs } from '../helpers/logs';
import { resetEnvCache } from '@/lib/env';
import { getStorage } from '@/lib/storage/storage';
import type { Database } from '@/lib/db/client';

let db: Database;
let A: TestUser;
let B: TestUser;
let cat: { id: string };

beforeAll(async () => {
  process.env.RATE_LIMIT_DISABLED = '1';
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'A Files' });
  B = await registerUser({ company_name: 'B Files' });
  cat = await createCategory(A.token, { name: 'Docs' });
});
afterAll(async () => {
  delete process.env.RATE_LIMIT_DISABLED;
  await teardownTestDatabase();
});
afterEach(() => {
  delete process.env.KB_FILE_MAX_BYTES;
  resetEnvCache();
});

const content = 'Warranty terms for all devices sold in our shops.';
const newArticle = (title = 'With files') => createArticle(A.token, { title, content, categories: [cat.id] });

interface FileRow {
  id: string;
  file_name: string;
  file_type: string;
  file_url: string;
  file_size: number;
  extracted_text: string | null;
}
const fileRows = (articleId: number) =>
  db.query<FileRow>('select id, file_name, file_type, file_url, file_size, extracted_text from kb_article_files where article_id = $1 order by file_name', [
    articleId,
  ]);

const html = `<!DOCTYPE html><html><head><title>x</title><style>.hidden { color: red }</style>
<script>var secretScript = 1;</script></head><body><h1>Gift&nbsp;cards</h1><p>Valid for &laquo;one year&raquo; &amp; transferable.</p>
<!-- internal note --><ul><li>Online</li><li>In store &#8212; &#x41;lmaty</li></ul></body></html>`;

describe('POST /api/kb/articles/:id/files', () => {
  it('stores PDF, DOCX, TXT and HTML in one request and extracts their text', async () => {
    const a = await newArticle();
    const pdf = buildPdf('Refunds are processed within fourteen days');
    const docx = buildDocx(['Extended warranty covers screens', 'Гарантия на экраны — два года']);
    const res = await api('POST', `/api/kb/articles/${a.id}/files`, {
      token: A.token,
      form: fileForm([
        { name: 'refunds.pdf', bytes: pdf, type: 'application/pdf' },
        { name: 'warranty.docx', bytes: docx },
        { name: 'notes.txt', bytes: 'Plain notes about loyalty points.\nSecond line.' },
        { name: 'gift.html', bytes: html, type: 'text/html' },
      ]),
    });
    expect(res.status).toBe(201);
    expect(res.body.files).toHaveLength(4);
    // PDF and DOCX are read in the background: pending until the job ran.
    const later = new Set(['refunds.pdf', 'warranty.docx']);
    for (const f of res.body.files) {
      expect(f).toEqual({
        id: expect.any(String),
        file_name: expect.any(String),
        file_type: expect.any(String),
        file_size: expect.any(Number),
        has_text: !later.has(f.file_name),
        extraction_status: later.has(f.file_name) ? 'pending' : 'done',
        extraction_error: null,
        download_url: `/api/kb/articles/${a.id}/files/${f.id}/download`,
        created_at: expect.any(String),
      });
    }
    expect((await runPendingExtractions(db, A.workspaceId)).map((o) => o.status)).toEqual(['done', 'done']);
    const rows = await fileRows(a.id);
    const by = Object.fromEntries(rows.map((r) => [r.file_name, r]));
    expect(by['refunds.pdf']).toMatchObject({ file_type: 'application/pdf', file_size: pdf.byteLength });
    expect(by['refunds.pdf'].extracted_text).toContain('Refunds are processed within fourteen days');
    expect(by['warranty.docx'].file_type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(by['warranty.docx'].extracted_text).toContain('Extended warranty covers screens');
    expect(by['warranty.docx'].extracted_text).toContain('Гарантия на экраны');
    expect(by['notes.txt']).toMatchObject({ file_type: 'text/plain', extracted_text: 'Plain notes about loyalty points.\nSecond line.' });
    const htmlText = by['gift.html'].extracted_text!;
    expect(by['gift.html'].file_type).toBe('text/html');
    expect(htmlText).toContain('Gift cards');
    expect(htmlText).toContain('Valid for «one year» & transferable.');
    expect(htmlText).toContain('In store — Almaty');
    expect(htmlText).not.toMatch(/secretScript|color: red|internal note|<\w+/);
    for (const r of rows) expect(r.file_url).toMatch(new RegExp(`^workspaces/${A.workspaceId}/kb/${a.id}/[0-9a-f-]{36}\\.(pdf|docx|txt|html)$`));

    // File text became chunks carrying the file id, after the article's own chunk 0.
    const chunks = await db.query<{ file_id: string | null; chunk_index: number; content: string }>(
      'select file_id, chunk_index, content from kb_chunks where article_id = $1 order by chunk_index',
      [a.id],
    );
    expect(chunks[0]).toMatchObject({ file_id: null, chunk_index: 0, content });
    expect(new Set(chunks.filter((c) => c.file_id).map((c) => c.file_id))).toEqual(new Set(rows.map((r) => r.id)));
    expect(chunks.find((c) => c.content.includes('fourteen days'))!.file_id).toBe(by['refunds.pdf'].id);

    const detail = await api('GET', `/api/kb/articles/${a.id}`, { token: A.token });
    expect(detail.body.article.files.map((f: { file_name: string }) => f.file_name).sort()).toEqual(Object.keys(by).sort());
    const list = await api('GET', '/api/kb/articles', { token: A.token, query: { category_id: cat.id } });
    expect(list.body.articles.find((x: { id: number }) => x.id === a.id).files_count).toBe(4);
    const events = await outboxEvents(db, A.workspaceId);
    // Created, uploaded (two files queued for extraction), then re-chunked once per extracted file.
    expect(events.filter((e) => e.data.article_id === a.id).map((e) => e.name)).toEqual([
      'kb/article.saved',
      'kb/file.uploaded',
      'kb/file.uploaded',
      'kb/article.saved',
      'kb/article.saved',
      'kb/article.saved',
    ]);
    const detailFiles = (await api('GET', `/api/kb/articles/${a.id}`, { token: A.token })).body.article.files;
    expect(detailFiles.every((f: { extraction_status: string; has_text: boolean }) => f.extraction_status === 'done' && f.has_text)).toBe(true);
    const audits = await db.query(`select 1 from audit_log where action = 'upload_kb_file' and new_values->>'article_id' = $1`, [String(a.id)]);
    expect(audits).toHaveLength(4);
  });

  it('accepts markdown, CSV, PNG, WebP and XLSX; images and spreadsheets have no text', async () => {
    const a = await newArticle('Media');
    const png = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
    const webp = Uint8Array.from(Buffer.from('UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA', 'base64'));
    const xlsx = buildZip(
      [
        {
          name: '[Content_Types].xml',
          data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        },
        { name: 'xl/workbook.xml', data: '<workbook/>' },
      ],
      { deflate: true },
    );
    const res = await api('POST', `/api/kb/articles/${a.id}/files`, {
      token: A.token,
      form: fileForm([
        { name: 'faq.md', bytes: '# FAQ\n\n**Bold** answer.' },
        { name: 'prices.csv', bytes: 'item,price\nscreen,100\n' },
        { name: 'pixel.png', bytes: png },
        { name: 'pixel.webp', bytes: webp },
        { name: 'book.xlsx', bytes: xlsx },
      ]),
    });
    expect(res.status).toBe(201);
    const by = Object.fromEntries((await fileRows(a.id)).map((r) => [r.file_name, r]));
    expect(by['faq.md']).toMatchObject({ file_type: 'text/markdown', extracted_text: '# FAQ\n\n**Bold** answer.' });
    expect(by['prices.csv']).toMatchObject({ file_type: 'text/csv' });
    expect(by['prices.csv'].extracted_text).toContain('screen,100');
    expect(by['pixel.png']).toMatchObject({ file_type: 'image/png', extracted_text: null });
    expect(by['pixel.webp']).toMatchObject({ file_type: 'image/webp', extracted_text: null });
    expect(by['book.xlsx']).toMatchObject({ file_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extracted_text: null });
    expect(res.body.files.find((f: { file_name: string }) => f.file_name === 'pixel.png').has_text).toBe(false);
  });

  it('keeps a PDF whose text cannot be read, without text, and logs a warning (never a 500)', async () => {
    const a = await newArticle('Broken pdf');
    const logs = captureLogs();
    let res;
    try {
      res = await api('POST', `/api/kb/articles/${a.id}/files`, {
        token: A.token,
        form: fileForm([{ name: 'broken.pdf', bytes: new TextEncoder().encode('%PDF-1.7\nthis is not really a pdf at all') }]),
      });
      await runPendingExtractions(db, A.workspaceId);
    } finally {
      logs.stop();
    }
    expect(res.status).toBe(201);
    const [row] = await fileRows(a.id);
    expect(row).toMatchObject({ file_name: 'broken.pdf', file_type: 'application/pdf', extracted_text: null });
    const [status] = await db.query('select extraction_status, extraction_error from kb_article_files where id = $1', [row.id]);
    expect(status).toEqual({ extraction_status: 'failed', extraction_error: 'unreadable' });
    expect(logs.lines.some((l) => l.level === 'WARN' && l.file_name === 'broken.pdf')).toBe(true);
    expect(await db.query('select 1 from kb_chunks where file_id = $1', [row.id])).toEqual([]);
  });

  it('413 names a file over KB_FILE_MAX_BYTES and stores nothing', async () => {
    process.env.KB_FILE_MAX_BYTES = '1000';
    resetEnvCache();
    const a = await newArticle('Too big');
    const res = await api('POST', `/api/kb/articles/${a.id}/files`, {
      token: A.token,
      form: fileForm([
        { name: 'small.txt', bytes: 'fits in the limit' },
        { name: 'big-one.txt', bytes: 'x'.repeat(2000) },
      ]),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(res.body.error.message).toContain('big-one.txt');
    expect(res.body.error.details).toMatchObject({ file_name: 'big-one.txt', max_bytes: 1000, size: 2000 });
    expect(await fileRows(a.id)).toEqual([]);
  });

  it.each([
    ['setup.exe', Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, ...new Array(200).fill(0)])],
    ['random.bin', Uint8Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 256)],
    ['notes.txt', Uint8Array.from([0xff, 0xfe, 0x00, 0xd8, 0x00, 0x01, 0x02])],
    ['archive.zip', buildZip([{ name: 'a.txt', data: 'hello' }])],
    ['fake.pdf', new TextEncoder().encode('just text pretending to be a pdf')],
  ])('415 for %s, naming the file and the allowed types; nothing stored', async (name, bytes) => {
    const a = await newArticle(`Refused ${name}`);
    const res = await api('POST', `/api/kb/articles/${a.id}/files`, {
      token: A.token,
      form: fileForm([
        { name: 'fine.txt', bytes: 'a perfectly fine file' },
        { name, bytes },
      ]),
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
    expect(res.body.error.message).toContain(name);
    expect(res.body.error.details.file_name).toBe(name);
    expect(res.body.error.details.allowed).toEqual(['PDF', 'DOCX', 'TXT', 'MD', 'HTML', 'CSV', 'XLSX', 'PNG', 'JPEG', 'WebP']);
    expect(await fileRows(a.id)).toEqual([]);
  });

  it.each([
    ['no files field', () => fileForm([{ name: 'a.txt', bytes: 'hello there' }], 'file'), 400],
    ['an empty file', () => fileForm([{ name: 'empty.txt', bytes: '' }]), 400],
    ['eleven files', () => fileForm(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.txt`, bytes: `file ${i}` }))), 400],
  ])('400 for %s', async (_label, form, status) => {
    const a = await newArticle('Bad upload');
    const res = await api('POST', `/api/kb/articles/${a.id}/files`, { token: A.token, form: form() });
    expect(res.status).toBe(status);
    expect(res.body.error.details.fields[0].field).toBe('files');
  });

  it('a JSON body is a 415, another workspace or a viewer gets 404 / 403', async () => {
    const a = await newArticle('Guarded');
    const json = await api('POST', `/api/kb/articles/${a.id}/files`, { token: A.token, body: { files: [] } });
    expect(json.status).toBe(415);
    const foreign = await api('POST', `/api/kb/articles/${a.id}/files`, { token: B.token, form: fileForm([{ name: 'x.txt', bytes: 'sneaky text' }]) });
    expect(foreign.status).toBe(404);
    const viewer = await addMember(db, A, 'viewer');
    const denied = await api('POST', `/api/kb/articles/${a.id}/files`, {
      token: viewer.token,
      headers: viewer.headers,
      form: fileForm([{ name: 'x.txt', bytes: 'viewer text' }]),
    });
    expect(denied.status).toBe(403);
    expect(await fileRows(a.id)).toEqual([]);
  });
});

describe('download and delete', () => {
  it('downloads the same bytes as an attachment with the original (UTF-8) name', async () => {
    const a = await newArticle('Download');
    const pdf = buildPdf('Download me');
    const up = await api('POST', `/api/kb/articles/${a.id}/files`, {
      token: A.token,
      form: fileForm([{ name: 'Договор оферты (2025).pdf', bytes: pdf }]),
    });
    const file = up.body.files[0];
    expect(file.file_name).toBe('Договор оферты (2025).pdf');
    const res = await api('GET', file.download_url, { token: A.token });
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.raw.arrayBuffer())).toEqual(pdf);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const cd = res.headers.get('content-disposition')!;
    expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(cd).toContain(`filename*=UTF-8''${encodeURIComponent('Договор оферты ').replace(/'/g, '%27')}%282025%29.pdf`);
    expect(decodeURIComponent(cd.split("UTF-8''")[1])).toBe('Договор оферты (2025).pdf');

    // A viewer of the workspace may download; another workspace may not; nor a wrong article id.
    const viewer = await addMember(db, A, 'viewer');
    expect((await api('GET', file.download_url, { token: viewer.token, headers: viewer.headers })).status).toBe(200);
    expect((await api('GET', file.download_url, { token: B.token })).status).toBe(404);
    const other = await newArticle('Other');
    expect((await api('GET', `/api/kb/articles/${other.id}/files/${file.id}/download`, { token: A.token })).status).toBe(404);
    expect((await api('GET', `/api/kb/articles/${a.id}/files/${crypto.randomUUID()}/download`, { token: A.token })).status).toBe(404);
    expect((await api('GET', `/api/kb/articles/${a.id}/files/not-a-uuid/download`, { token: A.token })).status).toBe(404);
  });

  it('DELETE removes the row, its chunks and the stored bytes, and re-indexes the article', async () => {
    const a = await newArticle('Delete file');
    const up = await api('POST', `/api/kb/articles/${a.id}/files`, {
      token: A.token,
      form: fileForm([
        { name: 'keep.txt', bytes: 'This file stays in the article.' },
        { name: 'drop.txt', bytes: 'This file will be removed soon.' },
      ]),
    });
    const drop = up.body.files.find((f: { file_name: string }) => f.file_name === 'drop.txt');
    const [row] = (await fileRows(a.id)).filter((r) => r.id === drop.id);
    const storage = await getStorage();
    expect(await storage.get(row.file_url)).not.toBeNull();
    expect(await db.query('select 1 from kb_chunks where file_id = $1', [drop.id])).toHaveLength(1);

    expect((await api('DELETE', `/api/kb/articles/${a.id}/files/${drop.id}`, { token: B.token })).status).toBe(404);
    const viewer = await addMember(db, A, 'viewer');
    expect((await api('DELETE', `/api/kb/articles/${a.id}/files/${drop.id}`, { token: viewer.token, headers: viewer.headers })).status).toBe(403);
    const del = await api('DELETE', `/api/kb/articles/${a.id}/files/${drop.id}`, { token: A.token });
    expect(del.status).toBe(204);
    expect((await fileRows(a.id)).map((r) => r.file_name)).toEqual(['keep.txt']);
    expect(await db.query('select 1 from kb_chunks where file_id = $1', [drop.id])).toEqual([]);
    expect(await storage.get(row.file_url)).toBeNull();
    expect((await api('GET', drop.download_url, { token: A.token })).status).toBe(404);
    expect((await api('DELETE', `/api/kb/articles/${a.id}/files/${drop.id}`, { token: A.token })).status).toBe(404);
    const events = (await outboxEvents(db, A.workspaceId)).filter((e) => e.data.article_id === a.id);
    expect(events.map((e) => e.name)).toEqual(['kb/article.saved', 'kb/article.saved', 'kb/article.saved']);
  });

  it('deleting an article removes its stored files', async () => {
    const a = await newArticle('Article with file');
    await api('POST', `/api/kb/articles/${a.id}/files`, { token: A.token, form: fileForm([{ name: 'x.txt', bytes: 'goes with the article' }]) });
    const [row] = await fileRows(a.id);
    expect((await api('DELETE', `/api/kb/articles/${a.id}`, { token: A.token })).status).toBe(204);
    expect(await (await getStorage()).get(row.file_url)).toBeNull();
  });
});

describe('duplicate with files', () => {
  it('copies each file in storage; the copy downloads the same bytes and survives the original', async () => {
    const a = await newArticle('Has files');
    const pdf = buildPdf('Copied text layer');
    await api('POST', `/api/kb/articles/${a.id}/files`, {
      token: A.token,
      form: fileForm([
        { name: 'a.pdf', bytes: pdf },
        { name: 'b.txt', bytes: 'second file text' },
      ]),
    });
    await runPendingExtractions(db, A.workspaceId);
    const res = await api('POST', `/api/kb/articles/${a.id}/duplicate`, { token: A.token });
    expect(res.status).toBe(201);
    const copy = res.body.article;
    expect(copy.files.map((f: { file_name: string }) => f.file_name).sort()).toEqual(['a.pdf', 'b.txt']);
    const originals = await fileRows(a.id);
    const copies = await fileRows(copy.id);
    expect(copies.map((c) => c.file_url)).not.toContain(originals[0].file_url);
    for (const c of copies) expect(c.file_url.startsWith(`workspaces/${A.workspaceId}/kb/${copy.id}/`)).toBe(true);
    expect(copies.find((c) => c.file_name === 'a.pdf')!.extracted_text).toContain('Copied text layer');
    // The copy's chunks include the copied files' text.
    const chunkFiles = await db.query<{ file_id: string }>('select distinct file_id from kb_chunks where article_id = $1 and file_id is not null', [copy.id]);
    expect(chunkFiles.map((c) => c.file_id).sort()).toEqual(copies.map((c) => c.id).sort());

    expect((await api('DELETE', `/api/kb/articles/${a.id}`, { token: A.token })).status).toBe(204);
    const pdfCopy = copy.files.find((f: { file_name: string }) => f.file_name === 'a.pdf');
    const dl = await api('GET', pdfCopy.download_url, { token: A.token });
    expect(dl.status).toBe(200);
    expect(new Uint8Array(await dl.raw.arrayBuffer())).toEqual(pdf);
  });
});
