// The account foundation end to end: sign-up, preferences, team, invitations, sign-out/in, every section.
import { expect, test } from '@playwright/test';
import {
  PASSWORD,
  PNG,
  invitationToken,
  login,
  logout,
  register,
  shoot,
  uniqueEmail,
  watchConsole,
} from './support/app';

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
const COMING_SOON = ['test-chat', 'conversations', 'clients', 'deals', 'integrations', 'notifications', 'billing', 'support'];
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
  await shoot(page, 'team-invite-dialog-en-dark');
  await page.getByTestId('invite-submit').click();
  await expect(page.getByTestId('invite-dialog')).toBeHidden();
  await expect(page.locator(`[data-testid="invitation-row"][data-email="${invitee}"]`)).toBeVisible();
  await shoot(page, 'team-invited-en-dark');

  await page.getByTestId('nav-audit-log').click();
  await page.waitForURL(/\/w\/[a-z0-9-]+\/audit-log$/);
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  await expect(page.getByTestId('audit-table')).toContainText('Invitation');
  await shoot(page, 'audit-log-en-dark');

  await logout(page);
  await shoot(page, 'login-after-logout-en-dark');

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
  await shoot(page, 'mobile-team-kk-dark');

  expect(consoleErrors, 'browser console errors').toEqual([]);
});

test('password recovery pages', async ({ page }) => {
  const consoleErrors = watchConsole(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/login');
  await page.getByTestId('forgot-password-link').click();
  await page.waitForURL('**/forgot-password');
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

test('an invited person signs up, accepts and switches between workspaces', async ({ browser }) => {
  test.skip(!process.env.E2E_SERVER_LOG, 'needs E2E_SERVER_LOG to read the invitation mail');
  const owner = await browser.newPage();
  await owner.emulateMedia({ colorScheme: 'light' });
  await owner.goto('/register');
  await register(owner, uniqueEmail('inviter'), 'Олжас Сейткали', 'Степной Маркет');
  const invitee = uniqueEmail('invitee');
  await owner.goto('/dashboard/team');
  await owner.getByTestId('invite-button').click();
  await owner.getByTestId('invite-email').fill(invitee);
  await owner.getByTestId('invite-submit').click();
  await expect(owner.locator(`[data-testid="invitation-row"][data-email="${invitee}"]`)).toBeVisible();
  await expect.poll(() => invitationToken(invitee)).toBeTruthy();
  const token = invitationToken(invitee)!;

  // The inviter opens the link: it is for another email.
  await owner.goto(`/invite/${token}`);
  await expect(owner.getByTestId('invite-mismatch')).toBeVisible();
  await shoot(owner, 'invite-mismatch-ru-light');
  await owner.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleErrors = watchConsole(page);
  await page.goto(`/invite/${token}`);
  await page.waitForURL(/\/login\?next=%2Finvite%2F/);
  await page.getByTestId('register-link').click();
  await page.waitForURL(/\/register\?invite=/);
  await page.getByTestId('register-full-name').fill('Дана Ахметова');
  await page.getByTestId('register-company-name').fill('Дана Консалтинг');
  await page.getByTestId('register-email').fill(invitee);
  await page.getByTestId('register-password').fill(PASSWORD);
  await page.getByTestId('register-submit').click();
  await page.waitForURL(`**/invite/${token}`);
  await expect(page.getByTestId('invite-workspace')).toHaveText('Степной Маркет');
  await shoot(page, 'invite-ru-light');
  await page.getByTestId('accept-invitation').click();
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

  await page.getByTestId('workspace-switcher').click();
  await expect(page.getByTestId('workspace-option')).toHaveCount(2);
  await shoot(page, 'workspace-switcher-ru-light');
  await page.getByTestId('workspace-option').filter({ hasText: 'Дана Консалтинг' }).click();
  await expect(page.getByTestId('workspace-name')).toHaveText('Дана Консалтинг');

  // Used links say so.
  await page.goto(`/invite/${token}`);
  await expect(page.getByTestId('invite-problem')).toBeVisible();
  await shoot(page, 'invite-used-ru-light');
  expect(consoleErrors, 'browser console errors').toEqual([]);
  await context.close();
});

test('unknown addresses show a translated 404 page', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId('not-found')).toContainText('Страница не найдена');
  await shoot(page, 'not-found-ru-dark');
});
