// Debian's Firefox ESR driven by puppeteer-core over WebDriver BiDi (Playwright's own Firefox build
// cannot be downloaded here), with a fresh profile and the prefs that keep it off the network.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ARTIFACTS, SCREENSHOTS } from './browser.js';

export const FIREFOX = '/usr/bin/firefox-esr';

/** No telemetry, updates, safe browsing, captive-portal or remote-settings calls: loopback only. */
const OFFLINE_PREFS: Record<string, unknown> = {
  'app.update.enabled': false,
  'app.update.auto': false,
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.server': '',
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.blocklist.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'services.settings.server': 'http://127.0.0.1:1',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.predictor.enabled': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.search.update': false,
  'geo.provider.network.url': '',
  'browser.ping-centre.telemetry': false,
};

/**
 * Launches Firefox, or says why it could not (no binary, or the BiDi handshake failed): the caller
 * skips its suite with that reason instead of failing on a machine without a usable Firefox.
 */
export async function tryLaunchFirefox(): Promise<{ browser: Browser } | { reason: string }> {
  if (!existsSync(FIREFOX)) return { reason: `${FIREFOX} is not installed` };
  await mkdir(ARTIFACTS, { recursive: true });
  try {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      timeout: 30_000,
      defaultViewport: { width: 1280, height: 860 },
      extraPrefsFirefox: OFFLINE_PREFS,
    });
    return { browser };
  } catch (err) {
    return { reason: `Firefox did not start over WebDriver BiDi: ${(err as Error).message}` };
  }
}

/** Console errors, uncaught page errors and failed HTTP responses seen by this page, as text. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${(err as Error).message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`http ${res.status()}: ${res.url()}`);
  });
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  await page.screenshot({ path: join(ARTIFACTS, `ff-${name}.png`), fullPage: true });
}
