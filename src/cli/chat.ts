// `adnavi chat [--conversation ID]`: a conversation in the terminal, follow-ups included ("and the
// week before?"), kept in the database like the web chat's so `adnavi ask --conversation ID` and a
// later `adnavi chat --conversation ID` continue it. One line is one question. Commands: /new starts
// a new conversation, /history shows its recent turns, /help lists these, /exit (or Ctrl-D) quits;
// Ctrl-C stops the answer in progress, or quits at the prompt.
// On a terminal it prompts, keeps line history (arrow keys) and replays a resumed conversation's last
// turns. Piped (`printf 'q1\nq2\n' | adnavi chat`) it reads every line in order, echoes each question
// as "> question" before its answer, and exits at the end of input. Answers go to stdout; notices
// (the conversation id, errors) go to stderr.
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { parseFlags } from './args.js';
import { type AssistantSession, type ConversationChoice, openAssistantSession } from './assistantSession.js';

const HELP = '/new starts a new conversation, /history shows it, /exit or Ctrl-D quits.';
const HISTORY_TURNS = 6;

export async function run(args: string[]): Promise<void> {
  const { flags } = parseFlags(
    args,
    { conversation: { type: 'string' } },
    z.object({ conversation: z.string().trim().min(1, 'give a conversation id, or "new"').optional() }),
  );
  const session = await openAssistantSession('chat');
  try {
    await converse(session, flags.conversation);
  } finally {
    await session.close();
  }
}

const note = (text: string) => process.stderr.write(`${text}\n`);

function announce(choice: ConversationChoice): void {
  if (choice.started) {
    const why = choice.notFound ? `${choice.notFound}; started` : 'Started';
    note(`${why} conversation ${choice.id}. ${HELP}`);
  } else note(`Continuing conversation ${choice.id}. ${HELP}`);
}

async function printHistory(session: AssistantSession, id: string): Promise<void> {
  const turns = await session.recent(id, HISTORY_TURNS);
  if (turns.length === 0) {
    note('Nothing asked in this conversation yet.');
    return;
  }
  for (const t of turns) process.stdout.write(`> ${t.question}\n${t.answer}\n\n`);
}

async function converse(session: AssistantSession, flag: string | undefined): Promise<void> {
  const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: tty,
    historySize: 200,
    prompt: 'you › ',
  });
  let conversation = await session.conversation(flag);
  announce(conversation);
  if (tty && !conversation.started) await printHistory(session, conversation.id);
  let answering: AbortController | undefined;
  rl.on('SIGINT', () => {
    if (answering) answering.abort();
    else rl.close();
  });
  if (tty) rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '/exit' || line === '/quit') break;
    if (line === '/new') {
      conversation = await session.conversation('new');
      announce(conversation);
    } else if (line === '/history') await printHistory(session, conversation.id);
    else if (line === '/help') note(HELP);
    else if (line.startsWith('/')) note(`Unknown command ${line}. ${HELP}`);
    else if (line) {
      if (!tty) process.stdout.write(`> ${line}\n`);
      answering = new AbortController();
      await answer(session, conversation.id, line, answering.signal);
      answering = undefined;
    }
    if (tty) rl.prompt();
  }
  rl.close();
}

/** One turn; a failure is reported and the conversation goes on. */
async function answer(
  session: AssistantSession,
  conversationId: string,
  question: string,
  signal: AbortSignal,
) {
  try {
    const result = await session.assistant.ask(question, { ctx: session.ctx, conversationId, signal });
    process.stdout.write(`${result.answer}\n\n`);
  } catch (err) {
    if (signal.aborted) note('(stopped)');
    else if (err instanceof AppError) note(`adnavi: ${err.message}`);
    else {
      session.ctx.log.error({ err }, 'chat turn failed');
      note(
        `adnavi: that question failed (${err instanceof Error ? err.message : String(err)}); ask another.`,
      );
    }
  }
}
