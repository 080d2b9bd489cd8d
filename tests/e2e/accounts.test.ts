// Accounts in a real browser, against a server that requires sign-in: sign-up and sign-in, the chat
// after signing in, "Connect Meta Ads" through the simulator's OAuth dialog, a denied connect, API
// keys (shown once, listed by prefix, revoked), and sign-out. Screenshots (ADNAVI_TEST_SCREENSHOTS=1)
// land in test-artifacts/.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccountsServer, apiStatus, startAccountsServer } from './accountsServer.js';
import { collectErrors, launchChromium, screenshot } from './browser.js';
import { liveCampaigns } from './simulatorAccount.js';
import { ensureWebBuild } from './webBuild.js';

const ACCOUNT = 'act_1234567890';
const EMAIL = `owner-${Date.now().toString(36)}@example.com`;
const PASSWORD = 'correct horse battery';

let app: AccountsServer;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
/** Failed requests this suite provokes on purpose (a short password, a wrong password). */
const expectedFailures: RegExp[] = [];

beforeAll(async () => {
  ensureWebBuild();
  app = await startAccountsServer();
  base = app.server.url;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  page = await context.newPage();
  errors = collectErrors(page);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function ask(question: string): Promise<string> {
  const before = await page.locator('.msg.assistant').count();
  const box = page.getByLabel('Your question');
  await box.fill(question);
  await box.press('Enter');
  const answer = page.locator('.msg.assistant').nth(before);
  await page.locator('.msg.assistant:not(.pending)').nth(before).waitFor({ timeout: 30_000 });
  expect(await answer.getAttribute('class')).not.toContain('error');
  return (await answer.textContent()) ?? '';
}

/** What the error collector sees for one refused request: the response, and Chromium's console line. */
function refused(status: number, text: string, path: string): RegExp[] {
  return [
    new RegExp(`^http ${status}: http://127\\.0\\.0\\.1:\\d+${path}$`),
    new RegExp(
      `^console: Failed to load resource: the server responded with a status of ${status} \\(${text}\\)$`,
    ),
  ];
}

const signInHeading = () => page.getByRole('heading', { name: 'Sign in to AdNavi' });

describe('accounts in Chromium (sign-in required)', () => {
  it('shows the sign-in page instead of the app', async () => {
    await page.goto(base);
    await signInHeading().waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).isHidden()).toBe(true);
    expect(await page.getByLabel('Your question').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('auth-email');
    await screenshot(page, '10-signin');
  });

  it('explains a bad sign-up, then signs up and answers in the chat', async () => {
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { name: 'Create your AdNavi account' }).waitFor();
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill('short');
    expectedFailures.push(...refused(400, 'Bad Request', '/api/auth/signup'));
    await page.getByLabel('Password').press('Enter');
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('fix the fields');
    await expect(page.locator('#auth-password-error').textContent()).resolves.toContain(
      'at least 10 characters',
    );
    await screenshot(page, '11-signup-error');

    await page.getByLabel('Name (optional)').fill('Ada Owner');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('group', { name: 'Suggested questions' }).waitFor();
    await page.locator('#connection-status[data-state="open"]').waitFor({ state: 'attached' });
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    const answer = await ask('which accounts are connected?');
    expect(answer.trim().length).toBeGreaterThan(0);
    await screenshot(page, '12-signed-up-chat');
  });

  it('keeps you signed in across a reload', async () => {
    await page.reload();
    await page
      .locator('.msg.user', { hasText: 'which accounts are connected?' })
      .waitFor({ timeout: 10_000 });
    expect(await signInHeading().count()).toBe(0);
  });

  it('connects Meta Ads through the OAuth dialog and syncs the new account', async () => {
    const dialogs: string[] = [];
    page.on('request', (req) => {
      if (req.url().startsWith(`${app.simulator.url}/${app.simulator.version}/dialog/oauth`))
        dialogs.push(req.url());
    });
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.locator('.settings-page').getByText('No ad account is connected yet').waitFor();
    // the page says what is asked of Meta and why: read access only
    const scopes = (await page.locator('.how-to ul.scopes').textContent()) ?? '';
    expect(scopes).toMatch(/^ads_read — to read your campaigns/);
    await page.getByRole('link', { name: 'Connect Meta Ads' }).click();
    // Meta's consent step (simulated): the permission asked, then Continue
    await page
      .getByRole('heading', { name: 'AdNavi Demo is requesting access' })
      .waitFor({ timeout: 15_000 });
    expect(await page.locator('ul.scopes').textContent()).toContain('ads_read');
    expect(await page.locator('ul.scopes').textContent()).not.toContain('ads_management');
    await screenshot(page, '12b-connect-consent');
    await page.getByRole('link', { name: 'Continue as Demo User' }).click();
    const picker = page.getByRole('form', { name: 'Choose the ad accounts to connect' });
    await picker.waitFor({ timeout: 15_000 });
    expect(new URL(dialogs[0]).searchParams.get('scope')).toBe('ads_read');
    const expected = app.simulator.accounts.find((a) => a.id === ACCOUNT)!;
    const choice = picker.locator('label', { hasText: ACCOUNT });
    const choiceText = (await choice.textContent()) ?? '';
    for (const part of [expected.name, expected.currency, expected.timeZone])
      expect(choiceText).toContain(part);
    await screenshot(page, '13-connect-choose');

    await choice.getByRole('checkbox').check();
    await picker.getByRole('button', { name: 'Connect selected' }).click();
    const done = page.getByRole('status').filter({ hasText: 'Connected an ad account' });
    await done.waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).search).toBe('');
    const card = page.locator('article.account', { hasText: ACCOUNT });
    await card.waitFor();
    expect(await card.getAttribute('aria-label')).toBe(expected.name);
    await expect(card.locator('dl').textContent()).resolves.toContain('Valid');
    await screenshot(page, '14-connected');

    await done.getByRole('button', { name: 'Sync now' }).click();
    await card.locator('.live-sync [data-status="succeeded"]').waitFor({ timeout: 120_000 });
    await card.locator('.runs-table tbody tr[data-status="succeeded"]').first().waitFor({ timeout: 10_000 });
    await card.locator('dd', { hasText: 'just now' }).waitFor(); // the last sync time was refreshed
    await screenshot(page, '15-connected-synced');
  });

  it('marks an expired token, offers Reconnect, and reconnecting makes the account valid again', async () => {
    const card = page.locator('article.account', { hasText: ACCOUNT });
    app.simulator.setFaults({ tokenExpired: true });
    try {
      await card.getByRole('button', { name: 'Sync now' }).click();
      await card.locator('.live-sync [data-status="failed"]').waitFor({ timeout: 60_000 });
    } finally {
      app.simulator.setFaults({});
    }
    const reconnect = card.getByRole('link', { name: 'Reconnect' });
    await reconnect.waitFor();
    await expect(card.locator('dl').textContent()).resolves.toContain('Needs reconnecting');
    await expect(card.getByRole('note').textContent()).resolves.toMatch(/token expired.*[Rr]econnect/);
    await screenshot(page, '15b-needs-reauth');

    await reconnect.click();
    await page.getByRole('link', { name: 'Continue as Demo User' }).click();
    const picker = page.getByRole('form', { name: 'Choose the ad accounts to connect' });
    const choice = picker.locator('label', { hasText: ACCOUNT });
    await choice.waitFor({ timeout: 15_000 });
    // the picker says this one is here already; choosing it again renews its token, adds nothing
    expect(await choice.textContent()).toContain('Already connected');
    await choice.getByRole('checkbox').check();
    await picker.getByRole('button', { name: 'Connect selected' }).click();
    const already = page.getByRole('status').filter({ hasText: 'Already connected' });
    await already.waitFor({ timeout: 15_000 });
    expect(await already.textContent()).toContain('Nothing new was added; the access token was renewed.');
    await card.locator('dd', { hasText: 'Valid' }).waitFor();
    expect(await card.getByRole('link', { name: 'Reconnect' }).count()).toBe(0);
    expect(await card.getByRole('note').count()).toBe(0);
    expect(await page.locator('article.account').count()).toBe(1);
  });

  it('answers from the connected account', async () => {
    const expected = await liveCampaigns(app.simulator, ACCOUNT);
    expect(expected.live.length).toBeGreaterThan(1);
    await page.getByRole('link', { name: 'Chat' }).click();
    const answer = await ask('what campaigns are live?');
    for (const name of expected.live) expect(answer).toContain(name);
  });

  it('shows a denied connect with its message and a way to try again', async () => {
    // the real cancel: Connect, then Cancel on Meta's consent page; the browser comes back to Settings
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'Connect Meta Ads' }).click();
    await page.getByRole('link', { name: 'Cancel' }).click();
    const alert = page.locator('.connect-panel [role="alert"]');
    await alert.waitFor({ timeout: 15_000 });
    await expect(alert.textContent()).resolves.toMatch(
      /You cancelled on Meta’s consent page, so nothing was connected/,
    );
    expect(await alert.getByRole('link', { name: 'Try again' }).getAttribute('href')).toBe(
      '/api/oauth/meta/start',
    );
    expect(new URL(page.url()).search).toBe('');
    // the accounts list loads apart from the alert: counted once it has rendered, not before
    await page.locator('article.account').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('article.account').count()).toBe(1); // nothing else was connected
    await screenshot(page, '16-connect-denied');
  });

  it('creates an API key shown once, lists its prefix only, and revokes it', async () => {
    const section = page.getByRole('region', { name: 'API keys' });
    await section.getByText('No API keys yet.').waitFor();
    await section.getByLabel('Key name').fill('Reporting script');
    await section.getByLabel('Key name').press('Enter');
    const field = section.getByLabel('New key "Reporting script"');
    await field.waitFor();
    const key = await field.inputValue();
    expect(key).toMatch(/^adn_k_\S{20,}$/);
    await expect(section.getByText('not shown again').isVisible()).resolves.toBe(true);
    await section.getByRole('button', { name: 'Copy' }).click();
    await section.getByText('Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    const me = await apiStatus(base, '/api/auth/me', { authorization: `Bearer ${key}` });
    expect(me.body?.via).toBe('api_key');

    const row = section.locator('tbody tr', { hasText: 'Reporting script' });
    const prefix = (await row.locator('code').textContent()) ?? '';
    expect(prefix.endsWith('…')).toBe(true);
    expect(key.startsWith(prefix.slice(0, -1))).toBe(true);
    expect(prefix.length).toBeLessThan(key.length / 2);
    await expect(row.textContent()).resolves.toContain('Active');
    await screenshot(page, '17-api-key-created');

    // leave and come back: the key is gone from the page for good
    await page.getByRole('link', { name: 'Chat' }).click();
    await page.getByRole('link', { name: 'Settings' }).click();
    await row.waitFor();
    expect(await section.getByLabel('New key "Reporting script"').count()).toBe(0);
    expect(await page.locator('.connect-panel').textContent()).toBe(''); // the old connect error is gone
    expect(await page.content()).not.toContain(key);

    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Revoke Reporting script' }).click();
    await section.locator('tbody tr[data-revoked="true"]', { hasText: 'Reporting script' }).waitFor();
    await expect(row.textContent()).resolves.toContain('Revoked');
    expect((await apiStatus(base, '/api/connections', { authorization: `Bearer ${key}` })).status).toBe(401);
    await screenshot(page, '18-api-key-revoked');
  });

  it('signs out to the sign-in page, refuses a wrong password, and signs back in', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInHeading().waitFor();
    expect((await apiStatus(base, '/api/connections', {})).status).toBe(401);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill('not the password');
    expectedFailures.push(...refused(401, 'Unauthorized', '/api/auth/login'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toBe('Email or password is wrong');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, '19-signin-wrong-password-phone');
    await page.setViewportSize({ width: 1280, height: 860 });

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('group', { name: 'Suggested questions' }).waitFor();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.locator('article.account', { hasText: ACCOUNT }).waitFor();
  });

  it('logged no console errors beyond the two refused requests it provoked', () => {
    const unexpected = errors.filter((e) => !expectedFailures.some((re) => re.test(e)));
    expect(unexpected).toEqual([]);
    expect(errors.length).toBeGreaterThan(0); // the provoked refusals were seen, so the collector works
  });
});
