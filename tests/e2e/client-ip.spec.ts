// Against the real server process (started through server.mjs): per-IP limits key on the
// socket address, so rotating X-Forwarded-For (or forging our own header) buys nothing;
// the dashboard's sign-in counts too; auth forms never put the password in the URL.
import http from 'node:http';
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { uniqueEmail } from './support/app';

const BASE = new URL(process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3100');

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request from a chosen loopback address (the whole 127/8 is ours on Linux). */
function from(localAddress: string, method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<RawResponse>((resolve, reject) => {
    const req = http.request(
      { host: BASE.hostname, port: BASE.port, method, path, localAddress, headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

// A fresh loopback address per test run, so each test has its own per-IP budget.
const loopback = () => `127.${10 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

test('rotating X-Forwarded-For does not escape the per-IP limit on the API', async () => {
  const client = loopback();
  const statuses: number[] = [];
  for (let i = 0; i < 31; i++) {
    const r = await from(
      client,
      'POST',
      '/api/auth/forgot-password',
      {
        'content-type': 'application/json',
        'x-forwarded-for': `203.0.113.${i + 1}`,
        'x-real-ip': `198.51.100.${i + 1}`,
        // Our own socket header, forged: the server overwrites it.
        'x-salesagent-socket-address': `192.0.2.${i + 1}`,
      },
      JSON.stringify({ email: `rotate${i}@example.com` }),
    );
    statuses.push(r.status);
  }
  expect(statuses.slice(0, 30)).toEqual(Array(30).fill(202));
  expect(statuses[30]).toBe(429);
  // Another address is not affected, even when it names the limited one in the header.
  const other = await from(loopback(), 'POST', '/api/auth/forgot-password', { 'content-type': 'application/json', 'x-forwarded-for': client }, JSON.stringify({ email: 'other@example.com' }));
  expect(other.status).toBe(202);
});

test('the dashboard sign-in applies the per-IP limit too', async () => {
  const client = loopback();
  const csrf = await from(client, 'GET', '/api/auth/csrf');
  const cookie = (csrf.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const codes: string[] = [];
  for (let i = 0; i < 31; i++) {
    const r = await from(
      client,
      'POST',
      '/api/auth/callback/credentials',
      { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-forwarded-for': `203.0.113.${i + 1}` },
      new URLSearchParams({ csrfToken, email: `nobody${i}@example.com`, password: 'wrong-password-1' }).toString(),
    );
    expect(r.status).toBe(302);
    codes.push(new URL(String(r.headers.location), BASE).searchParams.get('code')?.split(':')[0] ?? '');
  }
  expect(codes.slice(0, 30)).toEqual(Array(30).fill('invalid_credentials'));
  expect(codes[30]).toBe('rate_limited');
});

test.describe('auth forms without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('sign-in and sign-up post: the password never reaches the URL or the server log', async ({ page }) => {
    const secret = `No-JS-${Date.now()}-pass`;
    await page.goto('/login');
    await expect(page.getByTestId('login-form')).toHaveAttribute('method', 'post');
    await page.getByTestId('login-email').fill(uniqueEmail('nojs'));
    await page.getByTestId('login-password').fill(secret);
    await Promise.all([page.waitForEvent('framenavigated'), page.getByTestId('login-submit').click()]);
    await page.waitForLoadState();
    expect(page.url()).not.toContain(secret);
    expect(page.url()).not.toContain('password');

    await page.goto('/register');
    await expect(page.getByTestId('register-form')).toHaveAttribute('method', 'post');
    await page.getByTestId('register-full-name').fill('No Script');
    await page.getByTestId('register-company-name').fill('Plain HTML');
    await page.getByTestId('register-email').fill(uniqueEmail('nojs-reg'));
    await page.getByTestId('register-password').fill(`${secret}-reg`);
    await Promise.all([page.waitForEvent('framenavigated'), page.getByTestId('register-submit').click()]);
    await page.waitForLoadState();
    expect(page.url()).not.toContain(secret);
    expect(page.url()).not.toContain('password');

    const log = process.env.E2E_SERVER_LOG;
    if (log && fs.existsSync(log)) expect(fs.readFileSync(log, 'utf8')).not.toContain(secret);
  });
});
