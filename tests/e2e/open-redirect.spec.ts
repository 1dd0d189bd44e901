// A signed-in visitor of /login?next=… is sent on by the server: never off our origin.
import { expect, test } from '@playwright/test';
import { uniqueEmail, PASSWORD } from './support/app';

const BYPASSES = ['/\t/evil.com', '//evil.com', '/\\evil.com', '\\/evil.com', '/%2F%2Fevil.com', '/%5Cevil.com', 'https://evil.com', 'javascript:alert(1)', ' //evil.com'];

test('the login page refuses off-site destinations for a signed-in user', async ({ request, baseURL }) => {
  const email = uniqueEmail('redirect');
  const reg = await request.post('/api/auth/register', {
    data: { email, password: PASSWORD, full_name: 'Redirect Check', company_name: 'Same Origin' },
  });
  expect(reg.status()).toBe(201);
  // A dashboard session, the way next-auth's credentials form signs in.
  const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
  const signIn = await request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password: PASSWORD },
    maxRedirects: 0,
  });
  expect(signIn.status()).toBe(302);
  expect(signIn.headers()['location']).not.toContain('error');

  const origin = new URL(baseURL!).origin;
  for (const next of BYPASSES) {
    const r = await request.get(`/login?next=${encodeURIComponent(next)}`, { maxRedirects: 0 });
    expect(r.status(), next).toBeGreaterThanOrEqual(300);
    expect(r.status(), next).toBeLessThan(400);
    const location = r.headers()['location'];
    expect(new URL(location, `${origin}/login`).origin, `next=${JSON.stringify(next)} → ${location}`).toBe(origin);
    expect(location, next).not.toMatch(/evil|javascript/i);
  }
  // A same-origin destination still works.
  const ok = await request.get(`/login?next=${encodeURIComponent('/dashboard/team')}`, { maxRedirects: 0 });
  expect(ok.headers()['location']).toMatch(/\/dashboard\/team$/);
});

test('signing in from /login?next=/%09/evil.com lands on our dashboard', async ({ page, baseURL }) => {
  const email = uniqueEmail('redirect-form');
  const reg = await page.request.post('/api/auth/register', {
    data: { email, password: PASSWORD, full_name: 'Redirect Form', company_name: 'Same Origin' },
  });
  expect(reg.status()).toBe(201);
  const offSite: string[] = [];
  await page.route((url) => url.hostname.endsWith('evil.com'), (route) => {
    offSite.push(route.request().url());
    return route.abort();
  });
  await page.goto('/login?next=/%09/evil.com');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/w\/[a-z0-9-]+/);
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  expect(offSite).toEqual([]);
});
