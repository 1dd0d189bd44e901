// The workspace in every request (two tabs in two workspaces never cross), the workspace's
// time zone (proposed by the browser, edited in settings, used for every time shown), and
// Kazakh dates from our own catalogue.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { PASSWORD, register, shoot, uniqueEmail, watchConsole } from './support/app';

// Generous waits: these machines run several test suites at once.
const expect = baseExpect.configure({ timeout: 60_000 });

const slugOf = (page: Page) => /\/w\/([a-z0-9-]+)/.exec(new URL(page.url()).pathname)?.[1] ?? '';

test('two tabs in two workspaces write where they are; time zone and Kazakh dates', async ({ browser }) => {
  test.skip(!process.env.E2E_SERVER_LOG, 'needs E2E_SERVER_LOG to read the invitation mail');
  test.setTimeout(600_000);

  // Anna signs up from a browser in New York: her workspace proposes that zone.
  const anna = await browser.newContext({ locale: 'ru-RU', timezoneId: 'America/New_York', colorScheme: 'light' });
  const tabA = await anna.newPage();
  const consoleA = watchConsole(tabA);
  const annaEmail = uniqueEmail('two-tabs');
  await tabA.goto('/register');
  await register(tabA, annaEmail, 'Анна Смирнова', 'Альфа Трейд');
  const slugA = slugOf(tabA);
  expect(slugA).toMatch(/^alfa-treid-[0-9a-f]{8}$/);
  await tabA.getByTestId('nav-settings').click();
  await expect(tabA.getByTestId('time-zone-select')).toHaveValue('America/New_York');

  // Bolat owns another workspace and invites Anna.
  const bolat = await browser.newContext({ locale: 'ru-RU', colorScheme: 'light' });
  const bolatPage = await bolat.newPage();
  await bolatPage.goto('/register');
  await register(bolatPage, uniqueEmail('bolat'), 'Болат Ержанов', 'Бета Сервис');
  const slugB = slugOf(bolatPage);
  await bolatPage.getByTestId('nav-team').click();
  await bolatPage.getByTestId('invite-button').click();
  await bolatPage.getByTestId('invite-email').fill(annaEmail);
  await bolatPage.getByTestId('invite-submit').click();
  // Mail is off on the test server: the dialog hands Bolat the link to pass on.
  const inviteLink = await bolatPage.getByTestId('invite-link').inputValue();
  const inviteToken = /\/invite\/([A-Za-z0-9_-]+)$/.exec(inviteLink)![1];
  await bolatPage.getByTestId('invite-done').click();
  await expect(bolatPage.locator(`[data-testid="invitation-row"][data-email="${annaEmail}"]`)).toBeVisible();
  // Bolat is not a member of Anna's workspace: its URL is a 404 for him.
  const foreign = await bolatPage.goto(`/w/${slugA}/agents`);
  expect(foreign?.status()).toBe(404);

  // Anna accepts in a second tab of the same browser: that tab lands in Bolat's workspace.
  const tabB = await anna.newPage();
  const consoleB = watchConsole(tabB);
  await tabB.goto(`/invite/${inviteToken}`);
  await tabB.getByTestId('accept-invitation').click();
  await tabB.waitForURL(`**/w/${slugB}`);
  await expect(tabB.getByTestId('workspace-name')).toHaveText('Бета Сервис');
  // …and switches back and forth with the switcher, which only moves this tab.
  await tabB.getByTestId('workspace-switcher').click();
  await tabB.getByTestId('workspace-option').filter({ hasText: 'Альфа Трейд' }).click();
  await tabB.waitForURL(`**/w/${slugA}`);
  await tabB.getByTestId('workspace-switcher').click();
  await tabB.getByTestId('workspace-option').filter({ hasText: 'Бета Сервис' }).click();
  await tabB.waitForURL(`**/w/${slugB}`);
  await expect(tabB.getByTestId('workspace-name')).toHaveText('Бета Сервис');
  await shoot(tabB, 'workspaces-tab-b-ru-light');

  const workspaces = (await (await tabA.request.get('/api/workspaces')).json()).workspaces as { id: string; slug: string }[];
  const idOf = (slug: string) => workspaces.find((w) => w.slug === slug)!.id;
  const inWs = async (slug: string, url: string) => (await tabA.request.get(url, { headers: { 'X-Tenant-ID': idOf(slug) } })).json();

  // Tab A never reloaded: it still shows Anna's workspace, and its writes land there.
  await expect(tabA.getByTestId('workspace-name')).toHaveText('Альфа Трейд');
  // A server action (workspace settings)…
  await tabA.getByTestId('stop-on-human-reply').click();
  await tabA.getByTestId('agent-settings-submit').click();
  await expect.poll(async () => (await inWs(slugA, '/api/user/profile')).user.stop_on_human_reply).toBe(true);
  // …and the API client (a new agent).
  await tabA.getByTestId('nav-agents').click();
  await tabA.waitForURL(`**/w/${slugA}/agents`);
  await tabA.getByTestId('agents-new').first().click();
  await tabA.getByTestId('agent-create-name').fill('Агент вкладки А');
  await tabA.getByTestId('agent-create-instructions').fill('Отвечай вежливо и коротко на вопросы клиентов.');
  await tabA.getByTestId('agent-create-submit').click();
  await tabA.waitForURL(new RegExp(`/w/${slugA}/agents/[0-9a-f-]{36}$`));

  expect((await inWs(slugA, '/api/agents')).agents.map((a: { name: string }) => a.name)).toEqual(['Агент вкладки А']);
  expect((await inWs(slugB, '/api/agents')).agents).toEqual([]);
  expect((await inWs(slugA, '/api/user/profile')).user.stop_on_human_reply).toBe(true);
  expect((await inWs(slugB, '/api/user/profile')).user.stop_on_human_reply).toBe(false);
  // Landing after sign-in is the last workspace chosen in the switcher.
  const landing = await anna.newPage();
  await landing.goto('/dashboard');
  await landing.waitForURL(`**/w/${slugB}`);
  await landing.close();

  // Time zone: Anna moves her workspace to Berlin; every time is shown there, with the zone named.
  await tabA.getByTestId('nav-settings').click();
  await tabA.getByTestId('time-zone-select').selectOption('Europe/Berlin');
  await tabA.getByTestId('time-zone-submit').click();
  await expect(tabA.getByTestId('time-zone-now')).toContainText('Europe/Berlin (GMT+1)');
  await shoot(tabA, 'settings-time-zone-ru-light');
  await tabA.getByTestId('nav-audit-log').click();
  await expect(tabA.getByTestId('audit-time-zone')).toHaveText('(GMT+1)');
  const berlinTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const shown = await tabA.getByTestId('audit-row').first().locator('td').first().innerText();
  const [hh, mm] = berlinTime.format(new Date()).split(':').map(Number);
  const [sh, sm] = /(\d{2}):(\d{2})/.exec(shown)!.slice(1).map(Number);
  expect(Math.abs(hh * 60 + mm - (sh * 60 + sm)) % (24 * 60)).toBeLessThan(5);
  await shoot(tabA, 'audit-log-berlin-ru-light');

  // Kazakh, dark: dates come from our catalogue (no "2026 M11 27"), the team page hydrates cleanly.
  await tabA.emulateMedia({ colorScheme: 'dark' });
  await tabA.getByTestId('locale-select').click();
  await tabA.getByTestId('locale-option-kk').click();
  await tabA.getByTestId('nav-team').click();
  await tabA.waitForURL(`**/w/${slugA}/team`);
  await expect(tabA.getByTestId('member-row').first()).toContainText(/\d{4} ж\. \d{1,2} (қаң|ақп|нау|сәу|мам|мау|шіл|там|қыр|қаз|қар|жел)\./);
  await shoot(tabA, 'team-kk-dark');
  await tabA.reload();
  await tabA.getByTestId('nav-settings').click();
  await shoot(tabA, 'settings-time-zone-kk-dark');

  // English on a phone.
  await tabA.getByTestId('locale-select').click();
  await tabA.getByTestId('locale-option-en').click();
  await expect(tabA.getByTestId('nav-overview')).toHaveText('Overview');
  await tabA.setViewportSize({ width: 390, height: 844 });
  await tabA.emulateMedia({ colorScheme: 'light' });
  await tabA.goto(`/w/${slugA}/settings`);
  await expect(tabA.getByTestId('settings-time-zone')).toContainText('Time zone');
  await shoot(tabA, 'settings-time-zone-en-phone');

  // A slug that is nobody's is a 404, too.
  expect((await tabA.goto('/w/no-such-workspace-00000000'))?.status()).toBe(404);
  consoleA.splice(0, consoleA.length, ...consoleA.filter((e) => !e.includes('/w/no-such-workspace')));
  expect(consoleA, 'tab A console errors').toEqual([]);
  expect(consoleB, 'tab B console errors').toEqual([]);
  await anna.close();
  await bolat.close();
});

test('signed-out visitors of a workspace URL go to the login page and come back', async ({ page }) => {
  await page.goto('/w/some-workspace-12345678/agents');
  await page.waitForURL(/\/login\?next=%2Fw%2Fsome-workspace-12345678%2Fagents/);
  await page.getByTestId('login-email').fill(uniqueEmail('nobody'));
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toBeVisible();
});
