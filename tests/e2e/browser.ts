// Debian's headless Chromium driven by playwright-core, kept off the network (the flags from the env
// notes), collecting console errors and page errors so a test can assert there were none.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');

export async function launchChromium(): Promise<Browser> {
  for (let i = 0; i < 120 && !existsSync(CHROMIUM); i++) await new Promise((r) => setTimeout(r, 1000));
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Console errors and uncaught page errors seen by this page, as text. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  // the console line for a failed request omits the URL; name it so a failure says what to fix
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`http ${res.status()}: ${res.url()}`);
  });
  return errors;
}

/**
 * Screenshots are for a person to look at, so they are taken only when asked for
 * (`ADNAVI_TEST_SCREENSHOTS=1 npm test`): encoding ~45 full-page PNGs was a quarter of Chromium's CPU
 * in every run of the suite (quiet, the browser files alone: 35.8 s against 27.2 s).
 */
export const SCREENSHOTS = process.env.ADNAVI_TEST_SCREENSHOTS === '1';

export async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
