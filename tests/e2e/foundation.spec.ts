// The account foundation end to end: sign-up, preferences, team, invitations, sign-out/in, every section.
import { expect, request as playwrightRequest, test } from '@playwright/test';
import {
  PASSWORD,
  PNG,
  login,
  logout,
  register,
  shoot,
  uniqueEmail,
  watchConsole,
} from './support/app';

const SESSION_COOKIE = 'authjs.session-token';
const BASE = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3100';

/** An API call carrying only the given session cookie (like a copied cookie would). */
async function profileWithCookie(value: string) {
  const ctx = await playwrightRequest.newContext({ baseURL: BASE });
  const res = await ctx.get('/api/user/profile', { headers: { cookie: `${SESSION_COOKIE}=${value}` } });
  await ctx.dispose();
  return res;
}

// Every sidebar section, in order (data-testid="nav-<slug>").
const SECTIONS = [
  'overview',
  'agents',
  'test-chat',
  'knowledge-base',
  'conversations',
  'clients',
  'deals',
  'integrations',
  'notifications',
  'billing',
  'team',
  'settings',
  'audit-log',
  'support',
];
// Placeholders until their sections are built (agents and knowledge base are being built separately,
// so either their page or the placeholder is fine there).
const COMING_SOON = ['billing', 'support'];
const BEING_BUILT = ['agents', 'knowledge-base'];

test('register, switch theme and language, invite a member, log out and back in', async ({ page, context }) => {
  const consoleErrors = watchConsole(page);
  const email = uniqueEmail('owner');

  // Signed out: the dashboard sends us to the login page (Russian, light).
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/dashboard');
  await page.waitForURL(/\/login\?next=/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByTestId('login-submit')).toHaveText('Войти');
  await shoot(page, 'login-ru-light');

  await page.getByTestId('register-link').click();
  await page.waitForURL('**/register');
  await page.getByTestId('register-submit').click();
  await expect(page.getByTestId('register-form').getByRole('alert').first()).toBeVisible();
  await shoot(page, 'register-errors-ru-light');
  await page.getByTestId('register-password').fill('12345678');
  await page.getByTestId('register-submit').click();
  await expect(page.getByText('слишком распространён')).toBeVisible();

  await register(page, email, 'Анна Смирнова', 'ООО «Северный ветер»');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Здравствуйте, Анна');
  await expect(page.getByTestId('nav-overview')).toHaveText('Обзор');
  await shoot(page, 'dashboard-ru-light');

  // Dark theme from the top bar.
  await page.getByTestId('theme-toggle').click();
  await page.getByTestId('theme-option-dark').click();
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);

  // English from the top bar; the whole UI re-renders in English.
  await page.getByTestId('locale-select').click();
  await page.getByTestId('locale-option-en').click();
  await expect(page.getByTestId('nav-overview')).toHaveText('Overview');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hello, Анна');
  await shoot(page, 'dashboard-en-dark');

  await page.getByTestId('nav-settings').click();
  await page.waitForURL(/\/w\/[a-z0-9-]+\/settings$/);
  await expect(page.getByTestId('settings-theme-dark')).toHaveAttribute('aria-checked', 'true');
  await shoot(page, 'settings-en-dark');

  await page.getByTestId('user-menu').click();
  // The API reference is one click away, and has a way back.
  await expect(page.getByTestId('user-menu-api-docs')).toHaveAttribute('href', '/docs');
  await shoot(page, 'user-menu-en-dark');
  await page.getByTestId('user-menu-profile').click();
  await page.waitForURL(/\/w\/[a-z0-9-]+\/profile$/);
  await expect(page.getByTestId('profile-email')).toHaveValue(email);
  await shoot(page, 'profile-en-dark');

  // Team: invite a member by email.
  const invitee = uniqueEmail('member');
  await page.getByTestId('nav-team').click();
  await page.waitForURL(/\/w\/[a-z0-9-]+\/team$/);
  await expect(page.getByTestId('member-row')).toHaveCount(1);
  await shoot(page, 'team-en-dark');
  await page.getByTestId('invite-button').click();
  await expect(page.getByTestId('invite-dialog')).toBeVisible();
  await page.getByTestId('invite-email').fill(invitee);
  await page.getByTestId('invite-role').click();
  await page.getByTestId('invite-role-admin').click();
  // No SMTP on this server: the dialog says so instead of promising an e-mail.
  await expect(page.getByTestId('invite-mail-off')).toBeVisible();
  await shoot(page, 'team-invite-dialog-en-dark');
  await page.getByTestId('invite-submit').click();
  await expect(page.getByTestId('invite-handover')).toBeVisible();
  await expect(page.getByTestId('invite-link')).toHaveValue(/\/invite\/[A-Za-z0-9_-]{40,}$/);
  await shoot(page, 'team-invite-link-en-dark');
  await page.getByTestId('invite-done').click();
  await expect(page.getByTestId('invite-dialog')).toBeHidden();
  await expect(page.locator(`[data-testid="invitation-row"][data-email="${invitee}"]`)).toBeVisible();
  // The sole owner is not offered a Leave that would fail: it is disabled, with the reason.
  await expect(page.getByTestId('leave-workspace')).toBeDisabled();
  await page.getByTestId('leave-blocked').hover();
  await expect(page.getByTestId('leave-blocked-hint').first()).toContainText('only owner');
  await shoot(page, 'team-invited-en-dark');

  // The getting-started card ticks off what is done: the teammate is invited, no agent yet.
  await page.getByTestId('nav-overview').click();
  await expect(page.getByTestId('checklist-team')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('checklist-agent')).toHaveAttribute('data-done', 'false');
  await expect(page.getByTestId('checklist-progress')).toHaveText('1 of 4 done');

  await page.getByTestId('nav-audit-log').click();
  await page.waitForURL(/\/w\/[a-z0-9-]+\/audit-log$/);
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  await expect(page.getByTestId('audit-table')).toContainText('Invitation');
  await expect(page.getByTestId('audit-table')).not.toContainText('invite_member');
  // The invitation is named by its e-mail and links to the team page.
  await expect(page.getByTestId('audit-table').getByTestId('audit-ref').filter({ hasText: invitee })).toHaveAttribute('href', /^\/w\/[a-z0-9-]+\/team$/);
  await shoot(page, 'audit-log-en-dark');

  const before = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)!;
  await logout(page);
  await shoot(page, 'login-after-logout-en-dark');
  // Signing out ended the session on the server: the copied cookie is refused.
  expect((await profileWithCookie(before.value)).status()).toBe(401);

  // A fresh browser state: no locale cookie, no stored theme. The saved preferences must come back at login.
  await context.clearCookies();
  await page.evaluate(() => localStorage.clear());
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
  await login(page, email);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await expect(page.getByTestId('nav-overview')).toHaveText('Overview');
  await shoot(page, 'dashboard-after-login-en-dark');

  expect(consoleErrors, 'browser console errors').toEqual([]);
});

test('every sidebar section renders (coming-soon sections too), desktop and mobile', async ({ page }) => {
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/register');
  await register(page, uniqueEmail('sections'), 'Ерлан Нурланов', 'Алматы Трейд');

  for (const slug of SECTIONS) {
    await page.getByTestId(`nav-${slug}`).click();
    await page.waitForURL(slug === 'overview' ? /\/w\/[a-z0-9-]+$/ : new RegExp(`/w/[a-z0-9-]+/${slug}$`));
    await expect(page.getByTestId(`nav-${slug}`)).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // Unbuilt sections are marked in the sidebar before anyone clicks them.
    await expect(page.getByTestId(`nav-${slug}`).getByTestId('nav-soon')).toHaveCount(COMING_SOON.includes(slug) ? 1 : 0);
    if (COMING_SOON.includes(slug)) await expect(page.getByTestId('coming-soon')).toBeVisible();
    else if (!BEING_BUILT.includes(slug)) await expect(page.getByTestId('coming-soon')).toHaveCount(0);
    await shoot(page, `section-${slug}-ru-light`);
  }

  // A few sections in dark mode, to check contrast.
  await page.getByTestId('theme-toggle').click();
  await page.getByTestId('theme-option-dark').click();
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  for (const slug of ['overview', 'billing', 'team', 'settings']) {
    await page.getByTestId(`nav-${slug}`).click();
    await expect(page.getByTestId(`nav-${slug}`)).toHaveAttribute('aria-current', 'page');
    await shoot(page, `section-${slug}-ru-dark`);
  }

  // Kazakh, to see the longest labels in place.
  await page.getByTestId('locale-select').click();
  await page.getByTestId('locale-option-kk').click();
  await expect(page.getByTestId('nav-overview')).toHaveText('Шолу');
  await shoot(page, 'section-settings-kk-dark');

  // Mobile: the sidebar becomes a sheet.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('nav-overview').waitFor({ state: 'hidden' });
  await page.goto('/dashboard');
  await shoot(page, 'mobile-dashboard-kk-dark');
  await page.getByTestId('mobile-menu').click();
  await expect(page.getByRole('dialog').getByTestId('nav-team')).toBeVisible();
  await shoot(page, 'mobile-nav-kk-dark');
  await page.getByRole('dialog').getByTestId('nav-team').click();
  await page.waitForURL(/\/w\/[a-z0-9-]+\/team$/);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // On a phone the member row is a card: the role and the (disabled) Leave stay on screen.
  const leave = await page.getByTestId('leave-workspace').boundingBox();
  expect(leave!.x + leave!.width).toBeLessThanOrEqual(390);
  await expect(page.getByTestId('member-row').getByTestId('member-role')).toBeInViewport();
  await shoot(page, 'mobile-team-kk-dark');
  // The audit log as cards: action, object and time readable without scrolling sideways.
  await page.goto('/dashboard/audit-log');
  await expect(page.getByTestId('audit-card').first()).toBeVisible();
  await expect(page.getByTestId('audit-table')).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shoot(page, 'mobile-audit-log-kk-dark');

  expect(consoleErrors, 'browser console errors').toEqual([]);
});

test('password recovery pages', async ({ page }) => {
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/login');
  await page.getByTestId('forgot-password-link').click();
  await page.waitForURL('**/forgot-password');
  // No SMTP on the production test server: the page says no mail will come.
  await expect(page.getByTestId('forgot-mail-off')).toBeVisible();
  await shoot(page, 'forgot-password-ru-light');
  await page.getByTestId('forgot-email').fill(uniqueEmail('nobody'));
  await page.getByTestId('forgot-submit').click();
  await expect(page.getByTestId('forgot-password-sent')).toBeVisible();
  await shoot(page, 'forgot-password-sent-ru-light');

  await page.goto('/reset-password?token=not-a-real-token-1234567890');
  await page.getByTestId('reset-password').fill(PASSWORD);
  await page.getByTestId('reset-password-confirm').fill(`${PASSWORD}x`);
  await page.getByTestId('reset-submit').click();
  await expect(page.getByText('Пароли не совпадают')).toBeVisible();
  await page.getByTestId('reset-password-confirm').fill(PASSWORD);
  await page.getByTestId('reset-submit').click();
  await expect(page.getByTestId('reset-error')).toBeVisible();
  await shoot(page, 'reset-password-invalid-ru-light');

  await page.goto('/login');
  await page.getByTestId('login-email').fill(uniqueEmail('ghost'));
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toHaveText('Неверный email или пароль.');
  await shoot(page, 'login-invalid-ru-light');

  expect(consoleErrors, 'browser console errors').toEqual([]);
});

test('profile and agent settings save', async ({ page }) => {
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/register');
  await register(page, uniqueEmail('profile'), 'Мария Ким', 'Астана Сервис');

  await page.goto('/dashboard/profile');
  await page.getByTestId('avatar-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.getByTestId('avatar-error')).toContainText('PNG');
  await page.getByTestId('avatar-input').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByTestId('avatar-error')).toHaveCount(0);
  await page.getByTestId('avatar-save').click();
  await expect(page.getByText('Фото обновлено')).toBeVisible();
  await expect(page.getByTestId('user-menu').locator('img')).toHaveAttribute('src', /\/api\/files\/avatars\//);

  await page.getByTestId('profile-full-name').fill('');
  await page.getByTestId('profile-submit').click();
  await expect(page.getByTestId('profile-form').getByRole('alert')).toHaveText('Заполните это поле.');
  await page.getByTestId('profile-full-name').fill('Мария Ким-Петрова');
  await page.getByTestId('profile-company-name').fill('Астана Сервис Плюс');
  await page.getByTestId('profile-submit').click();
  await expect(page.getByText('Профиль сохранён')).toBeVisible();
  await expect(page.getByTestId('workspace-name')).toHaveText('Астана Сервис Плюс');
  await shoot(page, 'profile-saved-ru-light');

  await page.goto('/dashboard/settings');
  await page.getByTestId('stop-on-human-reply').click();
  await page.getByTestId('auto-resume-after').fill('2');
  await page.getByTestId('auto-resume-unit').click();
  await page.getByTestId('auto-resume-unit-hours').click();
  await expect(page.getByTestId('auto-resume-unit')).toHaveText('часа');
  await page.getByTestId('agent-settings-submit').click();
  await expect(page.getByText('Настройки агентов сохранены')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('stop-on-human-reply')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('auto-resume-after')).toHaveValue('2');
  await shoot(page, 'settings-saved-ru-light');

  await page.goto('/dashboard/audit-log');
  await expect(page.getByTestId('audit-table')).toContainText('Изменение пространства');
  await shoot(page, 'audit-log-ru-light');

  expect(consoleErrors, 'browser console errors').toEqual([]);
});

test('invited people sign up into the workspace or accept with their account, and switch between workspaces', async ({ browser }) => {
  const owner = await browser.newPage();
  await owner.emulateMedia({ colorScheme: 'light' });
  await owner.goto('/register');
  await register(owner, uniqueEmail('inviter'), 'Олжас Сейткали', 'Степной Маркет');
  // Mail is off in these tests: the inviter copies each link from the dialog.
  const inviteLink = async (email: string) => {
    await owner.getByTestId('invite-button').click();
    await owner.getByTestId('invite-email').fill(email);
    await owner.getByTestId('invite-submit').click();
    const link = await owner.getByTestId('invite-link').inputValue();
    await owner.getByTestId('invite-done').click();
    await expect(owner.locator(`[data-testid="invitation-row"][data-email="${email}"]`)).toBeVisible();
    return /\/invite\/([A-Za-z0-9_-]+)$/.exec(link)![1];
  };
  const newcomer = uniqueEmail('invitee');
  const dana = uniqueEmail('dana');
  await owner.goto('/dashboard/team');
  const token = await inviteLink(newcomer);
  const danaToken = await inviteLink(dana);

  // The inviter opens the link: it is for another email.
  await owner.goto(`/invite/${token}`);
  await expect(owner.getByTestId('invite-mismatch')).toBeVisible();
  await shoot(owner, 'invite-mismatch-ru-light');
  await owner.close();

  // Someone without an account: the sign-up knows the e-mail and asks for no company.
  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleErrors = watchConsole(page);
  await page.goto(`/invite/${token}`);
  await page.waitForURL(/\/login\?next=%2Finvite%2F/);
  await page.getByTestId('register-link').click();
  await page.waitForURL(/\/register\?invite=/);
  await expect(page.getByTestId('register-email')).toHaveValue(newcomer);
  await expect(page.getByTestId('register-email')).toHaveAttribute('readonly', '');
  await expect(page.getByTestId('register-company-name')).toHaveCount(0);
  await expect(page.getByTestId('register-invited')).toContainText('Степной Маркет');
  await shoot(page, 'register-invited-ru-light');
  await page.getByTestId('register-full-name').fill('Айгерим Бекова');
  await page.getByTestId('register-password').fill(PASSWORD);
  await page.getByTestId('register-submit').click();
  await page.waitForURL(/\/w\/[a-z0-9-]+$/);
  await expect(page.getByTestId('workspace-name')).toHaveText('Степной Маркет');

  // A member sees the team read-only, cannot change agent settings and has no audit log.
  await page.getByTestId('nav-team').click();
  await page.waitForURL(/\/w\/[a-z0-9-]+\/team$/);
  await expect(page.getByTestId('member-row')).toHaveCount(2);
  await expect(page.getByTestId('invite-button')).toHaveCount(0);
  await expect(page.getByTestId('member-role-select')).toHaveCount(0);
  await shoot(page, 'team-member-view-ru-light');
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('agent-settings-readonly')).toBeVisible();
  await expect(page.getByTestId('stop-on-human-reply')).toBeDisabled();
  await page.getByTestId('nav-audit-log').click();
  await expect(page.getByTestId('audit-no-access')).toBeVisible();
  await shoot(page, 'audit-log-no-access-ru-light');
  // Used links say so.
  await page.goto(`/invite/${token}`);
  await expect(page.getByTestId('invite-problem')).toBeVisible();
  await shoot(page, 'invite-used-ru-light');
  expect(consoleErrors, 'browser console errors').toEqual([]);
  await context.close();

  // Someone with a workspace of their own accepts with their account, then switches.
  const danaContext = await browser.newContext();
  const danaPage = await danaContext.newPage();
  await danaPage.goto('/register');
  await register(danaPage, dana, 'Дана Ахметова', 'Дана Консалтинг');
  await danaPage.goto(`/invite/${danaToken}`);
  await expect(danaPage.getByTestId('invite-workspace')).toHaveText('Степной Маркет');
  await shoot(danaPage, 'invite-ru-light');
  await danaPage.getByTestId('accept-invitation').click();
  await danaPage.waitForURL(/\/w\/[a-z0-9-]+$/);
  await expect(danaPage.getByTestId('workspace-name')).toHaveText('Степной Маркет');
  await danaPage.getByTestId('workspace-switcher').click();
  await expect(danaPage.getByTestId('workspace-option')).toHaveCount(2);
  await shoot(danaPage, 'workspace-switcher-ru-light');
  await danaPage.getByTestId('workspace-option').filter({ hasText: 'Дана Консалтинг' }).click();
  await expect(danaPage.getByTestId('workspace-name')).toHaveText('Дана Консалтинг');
  await danaContext.close();
});

test('unknown addresses show a translated 404 page; public files and the API reference are served', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId('not-found')).toContainText('Страница не найдена');
  await shoot(page, 'not-found-ru-dark');

  const robots = await page.request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/Disallow: \/api\/[\s\S]*Disallow: \/w\//);
  const icon = await page.request.get('/favicon.ico');
  expect(icon.status()).toBe(200);
  expect([...(await icon.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
  await page.goto('/docs');
  await expect(page.getByTestId('docs-back')).toHaveAttribute('href', '/dashboard');
  await expect(page.getByTestId('docs-back')).toContainText('Вернуться в кабинет');
  await expect(page.locator('#swagger-ui')).toBeAttached();
  await shoot(page, 'docs-ru-dark');
});

test('active sessions: listed on the profile, signed out one by one and everywhere', async ({ page, context, browser }) => {
  const consoleErrors = watchConsole(page);
  const email = uniqueEmail('sessions');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/register');
  await register(page, email, 'Айгерим Бекова', 'Жетысу Логистик');

  // The same person signs in from a phone.
  const phone = await browser.newContext({
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
  });
  const phonePage = await phone.newPage();
  await phonePage.goto('/login');
  await login(phonePage, email);
  const phoneCookie = (await phone.cookies()).find((c) => c.name === SESSION_COOKIE)!;
  expect((await profileWithCookie(phoneCookie.value)).status()).toBe(200);

  await page.goto('/dashboard/profile');
  const rows = page.getByTestId('session-row');
  await expect(rows).toHaveCount(2);
  await expect(page.locator('[data-testid="session-row"][data-current="true"]')).toHaveCount(1);
  await expect(page.getByTestId('session-current')).toHaveText('Этот сеанс');
  await expect(page.locator('[data-testid="session-row"][data-current="false"]')).toContainText('Safari, iOS');
  await page.getByTestId('sessions-card').scrollIntoViewIfNeeded();
  await shoot(page, 'profile-sessions-ru-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'profile-sessions-ru-dark');

  await page.getByTestId('locale-select').click();
  await page.getByTestId('locale-option-en').click();
  await expect(page.getByTestId('session-current')).toHaveText('This session');
  await shoot(page, 'profile-sessions-en-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await shoot(page, 'profile-sessions-en-light');

  await page.getByTestId('locale-select').click();
  await page.getByTestId('locale-option-kk').click();
  await expect(page.getByTestId('session-current')).toHaveText('Осы сеанс');
  await shoot(page, 'profile-sessions-kk-light');
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, 'mobile-profile-sessions-kk-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'mobile-profile-sessions-kk-dark');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });

  // Sign the phone out from here: its cookie stops working at once.
  await page.locator('[data-testid="session-row"][data-current="false"]').getByTestId('session-sign-out').click();
  await expect(rows).toHaveCount(1);
  expect((await profileWithCookie(phoneCookie.value)).status()).toBe(401);
  await phonePage.goto('/dashboard');
  await phonePage.waitForURL(/\/login/);

  // "Sign out everywhere": the phone signs in again, then every old cookie is refused.
  await login(phonePage, email);
  const phoneAgain = (await phone.cookies()).find((c) => c.name === SESSION_COOKIE)!;
  const mine = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)!;
  await page.reload();
  await expect(rows).toHaveCount(2);
  await page.getByTestId('sessions-sign-out-everywhere').click();
  await shoot(page, 'profile-sessions-confirm-kk-light');
  await page.getByTestId('confirm-delete').click();
  await page.waitForURL(/\/login/);
  for (const cookie of [mine, phoneAgain]) expect((await profileWithCookie(cookie.value)).status()).toBe(401);
  await phonePage.goto('/dashboard');
  await phonePage.waitForURL(/\/login/);

  await phone.close();
  expect(consoleErrors, 'browser console errors').toEqual([]);
});
