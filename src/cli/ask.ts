// `adnavi ask "QUESTION" [--json] [--conversation ID|new]`: one question, one answer. --json prints
// exactly one JSON object { answer, toolCalls: [{ name, input, output }] } (and conversationId when
// --conversation is given). With --conversation the question continues that conversation, so
// follow-ups ("and the week before?") work between runs; a new conversation's id goes to stderr
// ("Conversation <id> started …"), keeping stdout the answer alone. Starts fast: everything heavy is
// imported lazily, after the flags are checked. When a running server owns the embedded data dir, the
// question goes to that server (src/cli/askForward.ts) instead of being refused.
import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { tuneForQuickStart } from '../processTuning.js';
import { parseFlags } from './args.js';
import { type ConversationChoice, openAssistantSession } from './assistantSession.js';
import type { ForwardTarget } from './forwardTarget.js';

export async function run(args: string[]): Promise<void> {
  tuneForQuickStart();
  const { flags, positionals } = parseFlags(
    args,
    { json: { type: 'boolean', default: false }, conversation: { type: 'string' } },
    z.object({
      json: z.boolean(),
      conversation: z.string().trim().min(1, 'give a conversation id, or "new"').optional(),
    }),
  );
  const question = positionals.join(' ').trim();
  if (!question)
    throw ValidationError.field('question', 'ask something, e.g. adnavi ask "what campaigns are live?"');
  const target = await serverOwningDataDir();
  if (target) {
    const { askRunningServer } = await import('./askForward.js');
    const result = await askRunningServer(target, question, flags.conversation);
    print(result, result.conversation, flags.json);
    return;
  }
  const session = await openAssistantSession('ask', { quickStart: true });
  try {
    const conversation = flags.conversation ? await session.conversation(flags.conversation) : undefined;
    const result = await session.assistant.ask(question, {
      ctx: session.ctx,
      conversationId: conversation?.id,
    });
    print(result, conversation, flags.json);
  } finally {
    await session.close();
  }
}

/** A running server that owns the embedded data dir (the database has one owner): ask it instead. */
async function serverOwningDataDir(): Promise<ForwardTarget | undefined> {
  const [{ loadConfig }, { forwardTarget }] = await Promise.all([
    import('../config.js'),
    import('./forwardTarget.js'),
  ]);
  return forwardTarget(loadConfig());
}

interface Answered {
  answer: string;
  toolCalls: { name: string; input: unknown; output: unknown; error?: string }[];
}

function print(result: Answered, conversation: ConversationChoice | undefined, json: boolean): void {
  if (conversation?.started) {
    const why = conversation.notFound ? `${conversation.notFound}; started` : 'Started';
    process.stderr.write(
      `${why} conversation ${conversation.id}. Continue it with: adnavi ask --conversation ${conversation.id} "…"\n`,
    );
  }
  if (!json) {
    process.stdout.write(`${result.answer}\n`);
    return;
  }
  const toolCalls = result.toolCalls.map((c) => ({
    name: c.name,
    input: c.input,
    output: c.output,
    ...(c.error ? { error: c.error } : {}),
  }));
  const body = {
    answer: result.answer,
    toolCalls,
    ...(conversation ? { conversationId: conversation.id } : {}),
  };
  process.stdout.write(`${JSON.stringify(body)}\n`);
}
