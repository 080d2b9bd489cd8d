// Taking an answer away, in Chromium against the real server (real assistant, database synced from the
// simulator): CSV export of a chat table and of Campaigns (the exact numbers, checked against the
// simulator's own insights for the range the file names, and the currency in the headers), copy of
// an answer, and its permalink (opens that answer; another workspace's answer is not found).

import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationMemory } from '../../src/assistant/conversationMemory.js';
import { createWorkspace } from '../../src/db/workspaces.js';
import type { RunningServer } from '../../src/server/serve.js';
import { graphList } from '../helpers/simulatorAccount.js';
import { type AppSession, openAppSession } from './appSession.js';
import { seriousA11yViolations } from './axe.js';
import { collectErrors, screenshot } from './browser.js';
import { ask } from './chatDriver.js';
import type { SyncedAccount } from './simulatorAccount.js';

let account: SyncedAccount;
let server: RunningServer;
let session: AppSession;
let context: BrowserContext;
let page: Page;
let errors: string[];

const QUESTION = 'top campaigns by spend last 30 days';
const FILE = /^adnavi-[a-z0-9-]+-(\d{4}-\d{2}-\d{2})-to-(\d{4}-\d{2}-\d{2})-usd\.csv$/;

beforeAll(async () => {
  session = await openAppSession({
    contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] },
    stepTimeoutMs: 15_000,
  });
  ({ account, server, context, page, errors } = session);
}, 180_000);

afterAll(async () => session?.close());

/** RFC 4180 lines (the test's own small reader: quoted fields may hold commas and doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (quoted || (ch !== ',' && ch !== '\n' && ch !== '\r')) field += ch;
    else if (ch === ',') endField();
    else if (ch === '\n') {
      endField();
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

async function download(button: Locator): Promise<{ name: string; rows: string[][] }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return {
    name: (file as Download).suggestedFilename(),
    rows: parseCsv(await readFile(await file.path(), 'utf8')),
  };
}

/** Spend per campaign name for the range, per the simulator's insights API. */
async function simulatorSpend(since: string, until: string): Promise<Map<string, number>> {
  const rows = await graphList<{ campaign_name: string; spend: string }>(
    account.simulator,
    `${account.accountId}/insights`,
    {
      level: 'campaign',
      fields: 'campaign_name,spend',
      time_range: JSON.stringify({ since, until }),
      limit: '100',
    },
  );
  return new Map(rows.map((r) => [r.campaign_name, Number(r.spend)]));
}

/** Each named row's spend in the CSV equals the simulator's, to the cent and beyond. */
function expectSpendMatches(rows: string[][], spend: Map<string, number>): void {
  const [header, ...body] = rows;
  const name = header.indexOf('Name');
  const col = header.indexOf('Spend (USD)');
  expect(col).toBeGreaterThan(0);
  expect(body.length).toBeGreaterThan(0);
  for (const row of body) expect(Number(row[col]), row[name]).toBe(spend.get(row[name]) ?? 0);
}

let answer: Locator;

describe('taking an answer away, in Chromium', () => {
  it('downloads a chat table as CSV: exact numbers, range and currency in the name and header', async () => {
    await page.goto(server.url);
    answer = await ask(page, QUESTION);
    await answer.locator('table.data').first().waitFor();
    const { name, rows } = await download(answer.getByRole('button', { name: /^Download CSV/ }).first());
    const [, since, until] = FILE.exec(name) ?? [];
    expect(since, name).toBeDefined();
    expectSpendMatches(rows, await simulatorSpend(since, until));
    // the file has every row the table shows
    expect(rows.length - 1).toBe(await answer.locator('table.data').first().locator('tbody tr').count());
  });

  it('copies the answer: its text, then the table as tab-separated lines', async () => {
    await answer.getByRole('button', { name: 'Copy answer' }).click();
    await answer.getByRole('status').filter({ hasText: 'Answer copied.' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const text = ((await answer.locator('.text').textContent()) ?? '').trim();
    expect(copied.startsWith(text)).toBe(true);
    const firstRow = (await answer.locator('table.data tbody tr').first().locator('th, td').allTextContents())
      .map((t) => t.trim())
      .join('\t');
    expect(copied).toContain(firstRow);
    await screenshot(page, '30-answer-actions');
  });

  it('links to the answer: the permalink opens that answer, and its copy is the same address', async () => {
    await answer.getByRole('button', { name: 'Copy link' }).click();
    await answer.getByRole('status').filter({ hasText: 'Link copied.' }).waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    const href = await answer.getByRole('link', { name: 'Link' }).getAttribute('href');
    expect(link).toBe(new URL(href ?? '', server.url).href);
    expect(href).toMatch(/^\/answers\/[0-9a-f-]{36}\/\d+$/);
    const text = ((await answer.locator('.text').textContent()) ?? '').trim();

    // a fresh tab opening the link shows the question and that same answer, with its table
    const tab = await context.newPage();
    const tabErrors = collectErrors(tab);
    await tab.goto(link);
    const shown = tab.locator('.answer-page .msg.assistant');
    await shown.locator('table.data').waitFor({ timeout: 15_000 });
    expect(await tab.locator('.answer-page .msg.user').textContent()).toBe(QUESTION);
    expect(((await shown.locator('.text').textContent()) ?? '').trim()).toBe(text);
    expect(await seriousA11yViolations(tab)).toEqual([]);
    await screenshot(tab, '31-answer-permalink');
    // continuing it opens the conversation in the chat
    await tab.getByRole('button', { name: 'Continue this conversation' }).click();
    await tab.locator('.chat-log .msg.user', { hasText: QUESTION }).waitFor();
    expect(new URL(tab.url()).pathname).toBe('/');
    expect(tabErrors).toEqual([]);
    await tab.close();
  });

  it('does not open another workspace’s answer', async () => {
    const other = await createWorkspace(account.testDb.db, `other-${randomUUID().slice(0, 8)}`, 'Other');
    const theirs = randomUUID();
    const memory = new ConversationMemory(account.testDb.db, other.id);
    await memory.open(theirs);
    await memory.append(theirs, { question: 'their secret question', answer: 'their secret answer' });
    const tab = await context.newPage();
    await tab.goto(`${server.url}/answers/${theirs}/1`);
    await tab.getByRole('alert').filter({ hasText: 'not in this workspace' }).waitFor();
    expect(await tab.locator('main').textContent()).not.toContain('their secret');
    const res = await fetch(`${server.url}/api/conversations/${theirs}/turns/1`);
    expect(res.status).toBe(404);
    await tab.close();
  });

  it('downloads Campaigns as CSV with the exact spend of every campaign in the range', async () => {
    await page.getByRole('link', { name: 'Campaigns' }).click();
    await page.locator('table.entities').waitFor();
    const { name, rows } = await download(page.getByRole('button', { name: 'Download CSV' }));
    const [, since, until] = FILE.exec(name) ?? [];
    expect(since, name).toBeDefined();
    // the last line is the totals row: the exact sum of the campaigns above it
    const total = rows.pop() ?? [];
    const spend = await simulatorSpend(since, until);
    expectSpendMatches(rows, spend);
    expect(rows.length - 1).toBe(await page.locator('table.entities tbody tr').count());
    const col = rows[0].indexOf('Spend (USD)');
    const cents = rows.slice(1).reduce((sum, r) => sum + Math.round(Number(r[col]) * 100), 0);
    expect(total[0]).toBe('Total');
    expect(Math.round(Number(total[col]) * 100)).toBe(cents);
  });

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});
