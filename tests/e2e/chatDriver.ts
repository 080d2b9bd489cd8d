// Driving the chat from a browser test by what the page shows, never by sleeping: a question is
// answered when one more finished (not pending) assistant message is on the page.
import type { Locator, Page } from 'playwright-core';

const ANSWER_MS = 30_000;

/** Waits until the socket is open (the status line says so), so a question is not refused. */
export async function waitForConnection(page: Page): Promise<void> {
  await page.locator('#connection-status[data-state="open"]').waitFor({ state: 'attached', timeout: 15_000 });
}

/** Asks in the chat box and returns the finished answer's message. */
export async function ask(page: Page, question: string): Promise<Locator> {
  await waitForConnection(page);
  const finished = page.locator('.chat-log .msg.assistant:not(.pending)');
  const before = await finished.count();
  const box = page.getByLabel('Your question');
  await box.fill(question);
  await box.press('Enter');
  await page.locator('.chat-log .msg.user', { hasText: question }).last().waitFor({ timeout: ANSWER_MS });
  await finished.nth(before).waitFor({ timeout: ANSWER_MS });
  return answerTo(page, question);
}

/** The assistant's message right after the question asked (live or replayed). */
export function answerTo(page: Page, question: string): Locator {
  return page
    .locator('.chat-log .msg.user', { hasText: question })
    .last()
    .locator('xpath=following-sibling::article[1][contains(@class, "assistant")]');
}

/** Waits for an element's text to become exactly `text` (a rename, a count) and returns it. */
export async function waitForText(
  page: Page,
  selector: string,
  text: string,
  timeout = 10_000,
): Promise<void> {
  await page.waitForFunction(
    ([sel, want]) => [...document.querySelectorAll(sel)].some((el) => el.textContent?.trim() === want),
    [selector, text] as const,
    { timeout },
  );
}
