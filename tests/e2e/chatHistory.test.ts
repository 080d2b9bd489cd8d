// The chat's History panel in Chromium against the real server (real assistant, database synced from
// the simulator): "New conversation" keeps the old one, which the panel lists (titled by its first
// question, dated), reopens, renames (kept across a reload) and deletes. Each step waits on what the
// page shows, never on a timer.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDay } from '../../src/display/dates.js';
import type { RunningServer } from '../../src/server/serve.js';
import { type AppSession, openAppSession } from './appSession.js';
import { seriousA11yViolations } from './axe.js';
import { screenshot } from './browser.js';
import { answerTo, ask, waitForConnection, waitForText } from './chatDriver.js';

let server: RunningServer;
let session: AppSession;
let page: Page;
let errors: string[];

const FIRST = 'what campaigns are live?';
const SECOND = 'what was my spend in the last 7 days?';

beforeAll(async () => {
  session = await openAppSession({ stepTimeoutMs: 10_000 });
  ({ server, page, errors } = session);
}, 180_000);

afterAll(async () => session?.close());

const items = () => page.locator('#history-panel li[data-id]');
const item = (title: string) =>
  page.locator('#history-panel li[data-id]', { has: page.locator('button.open', { hasText: title }) });

/** Canvas elements alive in the page's heap after a full garbage collection, on the page or not. */
async function liveCanvases(): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const prototype = await cdp.send('Runtime.evaluate', { expression: 'HTMLCanvasElement.prototype' });
    const found = await cdp.send('Runtime.queryObjects', {
      prototypeObjectId: prototype.result.objectId ?? '',
    });
    const count = await cdp.send('Runtime.callFunctionOn', {
      objectId: found.objects.objectId ?? '',
      functionDeclaration: 'function () { return this.length; }',
      returnByValue: true,
    });
    return count.result.value as number;
  } finally {
    await cdp.detach();
  }
}

/** Delete, then confirm in the same row (which now shows the question instead of the title button). */
async function confirmDelete(title: string): Promise<void> {
  const id = await item(title).getAttribute('data-id');
  const row = page.locator(`#history-panel li[data-id="${id}"]`);
  await row.getByRole('button', { name: `Delete “${title}”` }).click();
  await row.getByText(`Delete “${title}”? Its questions and answers go with it.`).waitFor();
  await row.getByRole('button', { name: 'Delete', exact: true }).click();
}

async function openHistory(): Promise<void> {
  const toggle = page.getByRole('button', { name: 'History' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator('#history-panel').waitFor();
}

describe('chat history panel in Chromium', () => {
  it('keeps the old conversation on "New conversation" and lists both, titled and dated', async () => {
    await page.goto(server.url);
    // the header says who answers (no model is configured here)
    await waitForText(page, '.answerer', 'Answers by the offline planner (no AI model)');
    expect(await (await ask(page, FIRST)).textContent()).toContain('live');
    await page.getByRole('button', { name: 'New conversation' }).click();
    await page.getByRole('group', { name: 'Suggested questions' }).waitFor();
    expect(await page.locator('.chat-log .msg').count()).toBe(0);
    await ask(page, SECOND);

    await openHistory();
    await item(FIRST).waitFor();
    await item(SECOND).waitFor();
    expect(await items().locator('button.open').allTextContents()).toEqual([SECOND, FIRST]);
    // the day of the last activity, written like every other day in the app
    const time = item(SECOND).locator('time');
    const at = new Date((await time.getAttribute('datetime')) ?? '');
    expect(Math.abs(Date.now() - at.getTime())).toBeLessThan(120_000);
    const day = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
    expect(await time.textContent()).toBe(formatDay(day));
    // the open conversation is marked
    expect(await item(SECOND).getAttribute('aria-current')).toBe('true');
    await screenshot(page, '20-history-panel');
  });

  it('reopens a past conversation with its answer', async () => {
    await item(FIRST).locator('button.open').click();
    await answerTo(page, FIRST).waitFor();
    await page.locator('#history-panel li[aria-current="true"]', { hasText: FIRST }).waitFor();
    expect(await page.locator('.chat-log .msg.user').allTextContents()).toEqual([FIRST]);
    expect(await answerTo(page, FIRST).locator('table.data tbody tr').count()).toBeGreaterThan(0);
    // a follow-up continues the reopened conversation, not a new one
    await ask(page, 'and paused?');
    expect(await page.locator('.chat-log .msg.user').allTextContents()).toEqual([FIRST, 'and paused?']);
  });

  it('renames a conversation; the name survives a reload', async () => {
    await item(FIRST)
      .getByRole('button', { name: `Rename “${FIRST}”` })
      .click();
    const box = page.getByLabel(`New name for “${FIRST}”`);
    await box.fill('Live check');
    await box.press('Enter');
    await waitForText(page, '#history-panel button.open', 'Live check');
    await page.reload();
    await waitForConnection(page);
    await openHistory();
    await waitForText(page, '#history-panel button.open', 'Live check');
    expect(await items().locator('button.open').allTextContents()).toEqual(['Live check', SECOND]);
    // the reload resumed the conversation that was open
    await answerTo(page, FIRST).waitFor();
  });

  it('has no serious accessibility violations with the panel open, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `21-history-desktop-${scheme}`);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, '21-history-phone-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('deletes a conversation after asking; deleting the open one starts a new chat', async () => {
    await confirmDelete(SECOND);
    await page.locator('#history-panel [role="status"]', { hasText: `Deleted “${SECOND}”.` }).waitFor();
    expect(await items().locator('button.open').allTextContents()).toEqual(['Live check']);

    // the open one: the chat empties and a new conversation starts
    await confirmDelete('Live check');
    await page.locator('#history-panel', { hasText: 'No past conversations yet.' }).waitFor();
    await page.getByRole('group', { name: 'Suggested questions' }).waitFor();
    expect(await page.locator('.chat-log .msg').count()).toBe(0);
    const res = await fetch(`${server.url}/api/conversations`);
    expect(((await res.json()) as { conversations: unknown[] }).conversations).toEqual([]);
  });

  it('lets go of the charts of a conversation it leaves', async () => {
    // Chart.js keeps every chart, and its canvas, until destroy(): a tab kept open all day kept every
    // chart it ever drew. Counted in the page's heap after a garbage collection, through DevTools.
    await ask(page, 'spend by day last 14 days');
    await page.locator('.chat-log figure.chart canvas').first().waitFor();
    expect(await liveCanvases()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'New conversation' }).click();
    await page.getByRole('group', { name: 'Suggested questions' }).waitFor();
    expect(await page.locator('canvas').count()).toBe(0);
    expect(await liveCanvases()).toBe(0);
  });

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});
