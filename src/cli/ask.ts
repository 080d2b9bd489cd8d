// `adnavi ask "QUESTION" [--json]`: one question, one answer. --json prints exactly one JSON object
// { answer, toolCalls: [{ name, input, output }] }. Starts fast: everything heavy is imported lazily,
// after the flags are checked.
import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { parseFlags } from './args.js';

export async function run(args: string[]): Promise<void> {
  const { flags, positionals } = parseFlags(
    args,
    { json: { type: 'boolean', default: false } },
    z.object({ json: z.boolean() }),
  );
  const question = positionals.join(' ').trim();
  if (!question)
    throw ValidationError.field('question', 'ask something, e.g. adnavi ask "what campaigns are live?"');
  const [{ loadConfig }, { openMigratedDb }] = await Promise.all([
    import('../config.js'),
    import('../db/open.js'),
  ]);
  const config = loadConfig();
  // opening the embedded database (WebAssembly compiled off the main thread) overlaps loading the
  // assistant and the tools: the two largest parts of a cold start
  const opening = openMigratedDb(config);
  opening.catch(() => undefined); // awaited below; a failure surfaces there
  const [{ createAssistant }, { DEFAULT_WORKSPACE_ID }, { logger }] = await Promise.all([
    import('../assistant/createAssistant.js'),
    import('../db/workspaces.js'),
    import('../log.js'),
  ]);
  const db = await opening;
  try {
    const assistant = createAssistant(config);
    const ctx = { db, config, workspaceId: DEFAULT_WORKSPACE_ID, log: logger.child({ cmd: 'ask' }) };
    const result = await assistant.ask(question, { ctx });
    if (flags.json) {
      const toolCalls = result.toolCalls.map((c) => ({
        name: c.name,
        input: c.input,
        output: c.output,
        ...(c.error ? { error: c.error } : {}),
      }));
      process.stdout.write(`${JSON.stringify({ answer: result.answer, toolCalls })}\n`);
    } else {
      process.stdout.write(`${result.answer}\n`);
    }
  } finally {
    await db.close();
  }
}
