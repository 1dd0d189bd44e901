// HTTP-level hardening against the built server (next start): security headers and CSP
// on pages, the JSON envelope for unknown API paths and malformed paths, bad dates,
// the Inngest endpoint without Inngest, and uploads past the proxy's body buffer.
import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { PASSWORD, register, uniqueEmail } from './support/app';

const MB = 1024 * 1024;

async function apiUser(request: APIRequestContext) {
  const email = uniqueEmail('http');
  const res = await request.post('/api/auth/register', {
    data: { email, password: PASSWORD, full_name: 'Http Tester', company_name: 'Http Co' },
  });
  expect(res.status(), await res.text()).toBe(201);
  const body = await res.json();
  return { token: body.access_token as string, headers: { authorization: `Bearer ${body.access_token}` } };
}

async function newArticle(request: APIRequestContext, headers: Record<string, string>) {
  const cat = await request.post('/api/kb/categories', { headers, data: { name: `Files ${Date.now()}` } });
  expect(cat.status(), await cat.text()).toBe(201);
  const art = await request.post('/api/kb/articles', {
    headers,
    data: { title: 'Big files', content: 'Text of the article.', categories: [(await cat.json()).category.id] },
  });
  expect(art.status(), await art.text()).toBe(201);
  return (await art.json()).article.id as number;
}

function serverLog(): string {
  const file = process.env.E2E_SERVER_LOG;
  return file && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

/** Every CSP violation the page reports, collected in the page and read back. */
async function trackCsp(page: Page) {
  await page.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

test.describe('security headers', () => {
  test('pages carry a nonce CSP, no framing, referrer and permissions policies; no HSTS over http', async ({ request }) => {
    const a = await request.get('/login');
    const b = await request.get('/login');
    expect(a.status()).toBe(200);
    const csp = a.headers()['content-security-policy'];
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(b.headers()['content-security-policy']).not.toContain(nonce);
    // Next.js put the same nonce on its scripts.
    expect(await a.text()).toContain(`nonce="${nonce}"`);
    expect(a.headers()['x-frame-options']).toBe('DENY');
    expect(a.headers()['x-content-type-options']).toBe('nosniff');
    expect(a.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(a.headers()['permissions-policy']).toContain('camera=()');
    expect(a.headers()['strict-transport-security']).toBeUndefined();
    // API answers get the non-script headers too.
    const health = await request.get('/api/health');
    expect(health.headers()['x-content-type-options']).toBe('nosniff');
    expect(health.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });

  test('the dashboard runs under the CSP without violations; an injected inline handler is refused', async ({ page }) => {
    test.setTimeout(240_000);
    const violations = await trackCsp(page);
    await page.goto('/register');
    await register(page, uniqueEmail('csp'), 'Csp Tester', 'Csp Co');
    await page.getByTestId('nav-knowledge-base').click();
    await page.waitForLoadState('networkidle');
    expect(await violations(), 'CSP violations in the dashboard').toEqual([]);

    // The policy is enforced: markup injected the way an XSS would (an inline handler) does not run.
    const ran = await page.evaluate(async () => {
      const div = document.createElement('div');
      div.innerHTML = '<img src="/no-such-image.png" onerror="window.__injected = true">';
      document.body.appendChild(div);
      await new Promise((r) => setTimeout(r, 500));
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    expect((await violations()).join('\n')).toContain('script-src');
  });

  test('the API reference (an inline script with the nonce) runs under the CSP', async ({ page }) => {
    test.setTimeout(240_000);
    const violations = await trackCsp(page);
    // The API reference: its nonce'd inline script starts Swagger UI, which fetches the document.
    const spec = page.waitForResponse((r) => r.url().endsWith('/api/openapi.json'));
    await page.goto('/docs');
    expect((await spec).status()).toBe(200);
    expect(await page.evaluate(() => typeof (window as unknown as { ui?: unknown }).ui)).toBe('object');
    await expect(page.locator('.swagger-ui .info')).toBeVisible({ timeout: 60_000 });
    expect(await violations(), 'CSP violations on /docs').toEqual([]);
  });
});

test.describe('bad paths and input', () => {
  test('unknown /api paths answer 404 not_found as JSON for every method', async ({ request }) => {
    for (const [method, path] of [
      ['GET', '/api/no-such-thing'],
      ['POST', '/api/no-such-thing/deeper'],
      ['DELETE', '/api/agents/1/no-such-subresource'],
      ['PATCH', '/api/kb/nothing-here'],
    ] as const) {
      const res = await request.fetch(path, { method, data: method === 'GET' ? undefined : {} });
      expect(res.status(), `${method} ${path}`).toBe(404);
      expect(res.headers()['content-type']).toContain('application/json');
      expect((await res.json()).error.code).toBe('not_found');
    }
  });

  test('a malformed percent-escape in the path is a logged 400 with the envelope, not a bare 500', async ({ request }) => {
    const res = await request.get('/api/agents/%E0%A4%A');
    expect(res.status()).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_path');
    const id = res.headers()['x-request-id'];
    await expect.poll(() => serverLog().includes(id)).toBe(true);
    expect(serverLog().split('\n').find((l) => l.includes(id))).toContain('malformed percent-encoding');
    // Pages too: a 400, not a 500.
    expect((await request.get('/dashboard/%E0%A4%A')).status()).toBe(400);
  });

  test('an out-of-range date filter is a 400 naming the field', async ({ request }) => {
    const { headers } = await apiUser(request);
    const res = await request.get('/api/audit-log?date_from=99999-01-01', { headers });
    expect(res.status()).toBe(400);
    expect((await res.json()).error.details.fields[0].field).toBe('date_from');
  });

  test('/api/inngest without Inngest configured is a 503 with the envelope and a log line', async ({ request }) => {
    for (const method of ['GET', 'PUT', 'POST']) {
      const res = await request.fetch('/api/inngest', { method, data: method === 'GET' ? undefined : {} });
      expect(res.status(), method).toBe(503);
      expect((await res.json()).error.code).toBe('jobs_not_configured');
      const id = res.headers()['x-request-id'];
      await expect.poll(() => serverLog().includes(id)).toBe(true);
    }
  });
});

test.describe('uploads through the proxy', () => {
  test('a 12 MB knowledge-base file is stored whole; 20 MB + 1 byte gets 413 payload_too_large', async ({ request }) => {
    const { headers } = await apiUser(request);
    const article = await newArticle(request, headers);
    const twelve = Buffer.alloc(12 * MB, 'Knowledge line.\n');
    const ok = await request.post(`/api/kb/articles/${article}/files`, {
      headers,
      multipart: { files: { name: 'big.txt', mimeType: 'text/plain', buffer: twelve } },
      timeout: 120_000,
    });
    expect(ok.status(), await ok.text()).toBe(201);
    expect((await ok.json()).files[0].file_size).toBe(12 * MB);

    const over = await request.post(`/api/kb/articles/${article}/files`, {
      headers,
      multipart: { files: { name: 'over.txt', mimeType: 'text/plain', buffer: Buffer.alloc(20 * MB + 1, 'x') } },
      timeout: 120_000,
    });
    expect(over.status(), await over.text()).toBe(413);
    expect((await over.json()).error.code).toBe('payload_too_large');
  });

  test('a chunked body without Content-Length is cut off at the limit with 413', async ({ baseURL, request }) => {
    const { headers } = await apiUser(request);
    const boundary = 'x-boundary-42';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="avatar"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`;
    let sent = 0;
    const total = 30 * MB; // never sent whole: the server stops reading past AVATAR_MAX_BYTES
    const chunk = new Uint8Array(256 * 1024);
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(head));
      },
      pull(c) {
        if (sent >= total) return c.close();
        sent += chunk.byteLength;
        c.enqueue(chunk);
      },
    });
    const res = await fetch(`${baseURL}/api/user/avatar`, {
      method: 'POST',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });
});
