// What a person can take away from an answer: a copy of it (the text, then each table as
// tab-separated lines that paste into a sheet or a message), and a permalink within the workspace
// (/answers/CONVERSATION/TURN, which only this workspace can open).
import type { ChatPayload } from '../../src/server/chatProtocol.ts';
import { h } from './dom.ts';
import { type Format, formatValue } from './format.ts';

export function permalinkPath(conversationId: string, turn: number): string {
  return `/answers/${conversationId}/${turn}`;
}

/** The answer as plain text: its words, then each table with the values as the page shows them. */
export function answerAsText(text: string, payloads: ChatPayload[]): string {
  const tables = payloads.flatMap((p) => {
    if (p.kind !== 'table') return [];
    const lines = [p.columns.map((c) => c.label).join('\t')];
    for (const row of p.rows) {
      lines.push(
        p.columns
          .map((c) => {
            const format = (c.unitKey ? unitOf(row[c.unitKey]) : c.format) ?? 'text';
            return formatValue(row[c.key], format, p.currency);
          })
          .join('\t'),
      );
    }
    return [[p.title, ...lines].filter(Boolean).join('\n')];
  });
  return [text.trim(), ...tables].join('\n\n');
}

function unitOf(unit: unknown): Format {
  return unit === 'money' || unit === 'percent' || unit === 'ratio' ? unit : 'number';
}

async function copy(text: string, status: HTMLElement, done: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = done;
  } catch {
    status.textContent = 'Could not copy here; select the text and copy it instead.';
  }
}

/** Copy, Copy link and the permalink itself, for an answer stored as `turn` of the conversation. */
export function answerActions(
  conversationId: string,
  turn: number,
  text: string,
  payloads: ChatPayload[],
): HTMLElement {
  const status = h('span', { class: 'muted', role: 'status' });
  const path = permalinkPath(conversationId, turn);
  return h(
    'div',
    { class: 'answer-actions' },
    h(
      'button',
      {
        type: 'button',
        class: 'small',
        onclick: () => void copy(answerAsText(text, payloads), status, 'Answer copied.'),
      },
      'Copy answer',
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'small',
        onclick: () => void copy(new URL(path, window.location.href).href, status, 'Link copied.'),
      },
      'Copy link',
    ),
    h(
      'a',
      {
        href: path,
        class: 'permalink',
        'data-nav': true,
        title: 'A link to this answer, for people in this workspace',
      },
      'Link',
    ),
    status,
  );
}
