// What `adnavi ask` and `adnavi chat` share: the assistant opened on the configured database for the
// default workspace, and the --conversation flag turned into a conversation id. Conversation ids are
// always ours: "new", or an id that is not a conversation of this workspace (a typo, another
// workspace's id), starts a new conversation under a fresh id, and the caller prints it.
// Everything heavy is imported lazily, so a bad flag fails before the database opens.
import { randomUUID } from 'node:crypto';
import type { Assistant } from '../assistant/types.js';
import type { ToolContext } from '../tools/types.js';

export interface AssistantSession {
  assistant: Assistant;
  ctx: ToolContext;
  /** The conversation for `flag` (see the module comment). */
  conversation(flag: string | undefined): Promise<ConversationChoice>;
  /** The last `limit` turns of a conversation, oldest first. */
  recent(conversationId: string, limit?: number): Promise<{ question: string; answer: string }[]>;
  close(): Promise<void>;
}

export interface ConversationChoice {
  id: string;
  /** True when this id starts a new conversation: print it so the person can come back to it. */
  started: boolean;
  /** Set when the asked-for id was not found, saying so. */
  notFound?: string;
}

/** quickStart: a one-question process (`adnavi ask`); see OpenOptions in src/db/open.ts. */
export async function openAssistantSession(
  command: string,
  { quickStart = false }: { quickStart?: boolean } = {},
): Promise<AssistantSession> {
  const [{ loadConfig }, { openMigratedDb }] = await Promise.all([
    import('../config.js'),
    import('../db/open.js'),
  ]);
  const config = loadConfig();
  // opening the embedded database (WebAssembly compiled off the main thread) overlaps loading the
  // assistant and the tools: the two largest parts of a cold start
  const opening = openMigratedDb(config, { quickStart });
  opening.catch(() => undefined); // awaited below; a failure surfaces there
  const [{ createAssistant }, { ConversationMemory }, { DEFAULT_WORKSPACE_ID }, { logger }] =
    await Promise.all([
      import('../assistant/createAssistant.js'),
      import('../assistant/conversationMemory.js'),
      import('../db/workspaces.js'),
      import('../log.js'),
    ]);
  const db = await opening;
  const ctx: ToolContext = {
    db,
    config,
    workspaceId: DEFAULT_WORKSPACE_ID,
    log: logger.child({ cmd: command }),
  };
  const memory = new ConversationMemory(db, DEFAULT_WORKSPACE_ID);
  return {
    assistant: createAssistant(config),
    ctx,
    async conversation(flag) {
      if (flag === undefined || flag === 'new') return { id: randomUUID(), started: true };
      if (await memory.exists(flag)) return { id: flag, started: false };
      return { id: randomUUID(), started: true, notFound: `No conversation "${flag}" here` };
    },
    recent: (id, limit) => memory.recent(id, limit),
    close: () => db.close(),
  };
}
