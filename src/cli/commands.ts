// The `adnavi` commands: one entry each (usage line, summary, options), from which the dispatcher in
// src/cli.ts builds the overall usage and every command's `--help`. A command's module is loaded only
// when it runs, so `--help` never opens a database, starts a server or syncs.

export interface CliCommand {
  /** The usage line after `adnavi `. */
  usage: string;
  summary: string;
  /** One line per option or sub-command: [flag, meaning]. */
  options?: [string, string][];
  load: () => Promise<{ run(args: string[]): Promise<void> }>;
}

export const COMMANDS: Record<string, CliCommand> = {
  start: {
    usage: 'start',
    summary:
      'demo mode: embedded database, simulated Meta account synced, then serve (with META_ACCESS_TOKEN and META_AD_ACCOUNT_ID: your real account)',
    load: () => import('./start.js'),
  },
  serve: {
    usage: 'serve',
    summary: 'web chat + REST + WebSocket + MCP over HTTP on HOST:PORT (default 127.0.0.1:8787)',
    load: () => import('./serve.js'),
  },
  mcp: {
    usage: 'mcp',
    summary: 'MCP server on stdio (stdout carries only the protocol; logs go to stderr)',
    load: () => import('./mcp.js'),
  },
  ask: {
    usage: 'ask "QUESTION" [--json] [--conversation ID|new]',
    summary: 'one question, one answer; with --conversation, a turn of a conversation (follow-ups work)',
    options: [
      [
        '--json',
        'print { "answer", "toolCalls": [{ "name", "input", "output" }] } (plus "conversationId" with --conversation)',
      ],
      [
        '--conversation ID|new',
        'continue conversation ID; "new" (or an ID not found here) starts one and prints its id on stderr',
      ],
    ],
    load: () => import('./ask.js'),
  },
  chat: {
    usage: 'chat [--conversation ID]',
    summary:
      'a conversation in the terminal: one question per line, follow-ups included; works piped (one question per input line)',
    options: [
      ['--conversation ID', 'continue conversation ID (from adnavi ask --conversation or an earlier chat)'],
      ['/new', 'start a new conversation (its id is printed)'],
      ['/history', 'show the conversation so far'],
      ['/exit, Ctrl-D', 'quit (Ctrl-C stops an answer in progress, or quits at the prompt)'],
    ],
    load: () => import('./chat.js'),
  },
  sync: {
    usage: 'sync [--connection ID] [--from DATE] [--to DATE] [--full]',
    summary: 'entity sync, then metrics sync, with progress',
    options: [
      ['--connection ID', 'the connection to sync (default: every connection of the default workspace)'],
      ['--from DATE', 'first day to fetch, YYYY-MM-DD in the account time zone'],
      ['--to DATE', 'last day to fetch, YYYY-MM-DD (default: today in the account time zone)'],
      ['--full', 'fetch the whole backfill window again instead of an incremental sync'],
    ],
    load: () => import('./sync.js'),
  },
  connect: {
    usage: 'connect meta --account act_ID [--token TOKEN]',
    summary: 'register a Meta ad account (token stored encrypted)',
    options: [
      ['--account act_ID', 'the ad account id'],
      ['--token TOKEN', 'its access token (default: META_ACCESS_TOKEN)'],
    ],
    load: () => import('./connect.js'),
  },
  migrate: {
    usage: 'migrate',
    summary: 'apply pending database migrations',
    load: () => import('./migrate.js'),
  },
  demo: {
    usage: 'demo',
    summary: 'seed the demo workspace from the simulator and sync it',
    load: () => import('./demo.js'),
  },
  simulator: {
    usage: 'simulator [--port N] [--seed N] [--ads N]',
    summary: 'the loopback Meta Graph API simulator, on its own until Ctrl-C',
    options: [
      ['--port N', 'port on 127.0.0.1 (default 8788; 0 picks a free one)'],
      ['--seed N', 'seed of the generated demo account (default 42)'],
      ['--ads N', 'number of ads, for scale tests'],
    ],
    load: () => import('./simulator.js'),
  },
  worker: {
    usage: 'worker [--concurrency N] [--no-scheduler]',
    summary:
      'run queued jobs (first sync, hourly refresh, daily lookback, history slices, token checks); run any number against one PostgreSQL: one worker syncs a connection at a time, failures retry with backoff, a dead worker leaves its jobs to the others',
    options: [
      ['--concurrency N', 'jobs this process runs at once (default 2)'],
      [
        '--no-scheduler',
        'only run jobs; do not fire schedules from this process (a slot fires once however many do)',
      ],
    ],
    load: () => import('./worker.js'),
  },
  schedule: {
    usage: 'schedule [--json] | schedule --connection ID [settings…]',
    summary: "list every connection's sync schedule (times in the ad account's own clock), or change one",
    options: [
      ['--connection ID', 'the connection to change'],
      ['--intraday-minutes N', 'refresh today and yesterday every N minutes (15–1440, 0 = off; default 60)'],
      ['--lookback-at HH:MM', 'daily lookback refresh at this account-local time (default 03:00)'],
      ['--token-check-hours N', 'check the access token every N hours (1–168; default 24)'],
      [
        '--backfill-limit-days N',
        'load history this far back, slice by slice (91–1127; default 1127 ≈ 37 months)',
      ],
      ['--backfill-slice-days N', 'days per history slice (1–366; default 30)'],
      ['--enable, --disable', 'turn the schedule on or off'],
      ['--json', 'print JSON'],
    ],
    load: () => import('./schedule.js'),
  },
  keys: {
    usage: 'keys rotate | keys create-api-key --name NAME [--workspace ID]',
    summary: 'encryption keys and workspace API keys',
    options: [
      [
        'rotate',
        're-encrypt stored tokens under ADNAVI_ENCRYPTION_KEY (old keys in ADNAVI_ENCRYPTION_KEYS_OLD)',
      ],
      ['create-api-key --name NAME', 'a workspace API key, printed once'],
      ['--workspace ID', 'the workspace (default: the default workspace)'],
    ],
    load: () => import('./keys.js'),
  },
};

export const HELP_FLAGS = new Set(['--help', '-h']);

/** The overall usage: every command and its summary. */
export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: adnavi <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'adnavi <command> --help tells more; adnavi --version prints the version. Configuration is read from the environment; see README.md.',
  ].join('\n');
}

/** One command's help: its usage line, summary and options. */
export function commandHelp(name: string, command: CliCommand): string {
  const options = command.options ?? [];
  const width = Math.max(0, ...options.map(([flag]) => flag.length));
  return [
    `Usage: adnavi ${command.usage}`,
    '',
    command.summary,
    ...(options.length > 0 ? ['', 'Options:', ...options.map(([f, m]) => `  ${f.padEnd(width)}  ${m}`)] : []),
    '',
    `Configuration is read from the environment; see README.md. (adnavi ${name})`,
  ].join('\n');
}
