// Bad input that used to answer 500: NUL characters in bodies, queries and server
// actions, out-of-range dates, unknown API paths, Inngest without Inngest; plus how
// stored files are served, file names with bidirectional controls, and size limits
// on bodies that arrive without Content-Length.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { createArticle, createCategory, fileForm, type TestUser } from '../helpers/kb';
import { captureLogs } from '../helpers/logs';
import { getStorage } from '@/lib/storage/storage';
import { z } from 'zod';
import { publicAction } from '@/lib/actions/safe-action';
import type { Database } from '@/lib/db/client';

let db: Database;
let A: TestUser;

beforeAll(async () => {
  process.env.RATE_LIMIT_DISABLED = '1';
  db = await setupTestDatabase();
  A = await registerUser({ company_name: 'Bad Input Co' });
});
afterAll(async () => {
  delete process.env.RATE_LIMIT_DISABLED;
  await teardownTestDatabase();
});

const NUL = '\u0000';

describe('a NUL character is a 400 naming the field, in every operation', () => {
  const cases: { name: string; method: string; path: string; auth: boolean; body?: unknown; query?: Record<string, string>; field: string }[] = [
    {
      name: 'register',
      method: 'POST',
      path: '/api/auth/register',
      auth: false,
      body: { email: `nul-${Date.now()}@example.com`, password: 'Tr0ub4dor&3-horse', full_name: `a${NUL}b`, company_name: 'Co' },
      field: 'full_name',
    },
    { name: 'profile', method: 'PATCH', path: '/api/user/profile', auth: true, body: { company_name: `x${NUL}` }, field: 'company_name' },
    {
      name: 'agents create',
      method: 'POST',
      path: '/api/agents',
      auth: true,
      body: { name: 'Agent', system_instructions: `Be kind.${NUL}` },
      field: 'system_instructions',
    },
    { name: 'kb search', method: 'GET', path: '/api/kb/articles', auth: true, query: { search: NUL }, field: 'search' },
    { name: 'audit-log filter', method: 'GET', path: '/api/audit-log', auth: true, query: { action: `login${NUL}` }, field: 'action' },
    { name: 'agents list filter', method: 'GET', path: '/api/agents', auth: true, query: { search: `a${NUL}` }, field: 'search' },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const res = await api(c.method, c.path, { token: c.auth ? A.token : undefined, body: c.body, query: c.query });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe('validation_error');
      expect(res.body.error.details.fields).toEqual([expect.objectContaining({ field: c.field, code: 'nul_character' })]);
    });
  }

  it('server actions (the base client every dashboard action stacks on) refuse it before the body runs', async () => {
    let ran = false;
    // The same shape the dashboard's sign-up action has: a free-form record that lib/ validates.
    const action = publicAction
      .metadata({ name: 'nul_probe' })
      .inputSchema(z.record(z.string(), z.unknown()))
      .action(async () => {
        ran = true;
        return { ok: true };
      });
    const res = await action({ email: 'x@example.com', full_name: `a${NUL}b`, company_name: 'Co' });
    expect(ran).toBe(false);
    expect(res?.serverError).toMatchObject({
      code: 'validation_error',
      details: { fields: [expect.objectContaining({ field: 'full_name', code: 'nul_character' })] },
    });
  });
});

describe('dates out of range', () => {
  it('date_from=99999-01-01 on the audit log is a 400 naming date_from', async () => {
    const res = await api('GET', '/api/audit-log', { token: A.token, query: { date_from: '99999-01-01' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0].field).toBe('date_from');
    const ok = await api('GET', '/api/audit-log', { token: A.token, query: { date_from: '2020-01-01', date_to: '9999-12-31' } });
    expect(ok.status).toBe(200);
  });
});

describe('unknown API paths and Inngest without Inngest', () => {
  it('the catch-all answers 404 not_found in JSON for every method, with a log line', async () => {
    const { GET, POST, DELETE } = await import('@/app/api/[...rest]/route');
    const logs = captureLogs();
    try {
      for (const [handler, method] of [
        [GET, 'GET'],
        [POST, 'POST'],
        [DELETE, 'DELETE'],
      ] as const) {
        const res = await handler(new NextRequest('http://localhost/api/nope/deeper', { method }), {
          params: Promise.resolve({ rest: ['nope', 'deeper'] }),
        });
        expect(res.status).toBe(404);
        expect((await res.json()).error.code).toBe('not_found');
      }
    } finally {
      logs.stop();
    }
    expect(logs.lines.filter((l) => l.path === '/api/nope/deeper' && l.status === 404)).toHaveLength(3);
  });

  it('/api/inngest answers 503 jobs_not_configured (not 500) and logs it', async () => {
    const logs = captureLogs();
    try {
      for (const method of ['GET', 'PUT', 'POST']) {
        const res = await api(method, '/api/inngest', method === 'GET' ? {} : { body: {} });
        expect(res.status, method).toBe(503);
        expect(res.body.error.code).toBe('jobs_not_configured');
      }
    } finally {
      logs.stop();
    }
    expect(logs.lines.filter((l) => l.path === '/api/inngest' && l.status === 503)).toHaveLength(3);
  });
});

describe('stored files', () => {
  it('/api/files serves an HTML file as an inert attachment, an image inline, both nosniff and sandboxed', async () => {
    const storage = await getStorage();
    const htmlKey = `workspaces/${A.workspaceId}/misc/page.html`;
    const pngKey = `workspaces/${A.workspaceId}/misc/pic.png`;
    await storage.put(htmlKey, new TextEncoder().encode('<script>alert(document.cookie)</script>'), 'text/html');
    await storage.put(pngKey, new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 'image/png');
    const html = await api('GET', `/api/files/${htmlKey}`, { token: A.token });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-disposition')).toBe('attachment');
    expect(html.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(html.headers.get('x-content-type-options')).toBe('nosniff');
    const png = await api('GET', `/api/files/${pngKey}`, { token: A.token });
    expect(png.headers.get('content-disposition')).toBe('inline');
    expect(png.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
  });
});

describe('file names', () => {
  it('bidirectional and other invisible control characters are stripped from knowledge-base file names', async () => {
    const cat = await createCategory(A.token, { name: 'Names' });
    const a = await createArticle(A.token, { title: 'Names', content: 'Body text here.', categories: [cat.id] });
    const tricky = 'invoice\u202Etxt.exe\u200B\u2066.txt';
    const res = await api('POST', `/api/kb/articles/${a.id}/files`, { token: A.token, form: fileForm([{ name: tricky, bytes: 'plain text' }]) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.files[0].file_name).toBe('invoicetxt.exe.txt');
    const [row] = await db.query<{ file_name: string }>('select file_name from kb_article_files where id = $1', [res.body.files[0].id]);
    expect(row.file_name).toBe('invoicetxt.exe.txt');
  });
});

describe('size limits while the body streams', () => {
  it('an avatar body without Content-Length is refused with 413 once it passes the limit, without reading the rest', async () => {
    const { POST } = await import('@/app/api/user/avatar/route');
    const chunk = new Uint8Array(64 * 1024);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('--b\r\nContent-Disposition: form-data; name="avatar"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n'));
      },
      pull(c) {
        pulled += chunk.byteLength;
        if (pulled > 64 * 1024 * 1024) return c.close(); // 64 MB would be "read whole first"
        c.enqueue(chunk);
      },
    });
    const req = new NextRequest('http://localhost/api/user/avatar', {
      method: 'POST',
      headers: { authorization: `Bearer ${A.token}`, 'content-type': 'multipart/form-data; boundary=b' },
      body,
      duplex: 'half',
    } as ConstructorParameters<typeof NextRequest>[1]);
    expect(req.headers.get('content-length')).toBeNull();
    const res = await POST(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
    // AVATAR_MAX_BYTES is 2 MB by default: the reader stopped a little past it.
    expect(pulled).toBeLessThan(4 * 1024 * 1024);
  });
});
