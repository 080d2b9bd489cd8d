// The `adnavi` command: parses the command name and hands the rest to src/cli/<command>.ts. Thin by
// design; each command module parses its own flags (with zod) and calls into the layers.
import { ConfigError } from './config.js';
import { AppError } from './errors.js';

const commands: Record<
  string,
  { summary: string; load: () => Promise<{ run(args: string[]): Promise<void> }> }
> = {
  start: {
    summary: 'demo mode (or your real account): migrate, sync, then serve',
    load: () => import('./cli/start.js'),
  },
  serve: {
    summary: 'web chat + REST + WebSocket + MCP over HTTP on PORT (8787)',
    load: () => import('./cli/serve.js'),
  },
  mcp: { summary: 'MCP server on stdio', load: () => import('./cli/mcp.js') },
  ask: { summary: 'ask "QUESTION" [--json]: one question, one answer', load: () => import('./cli/ask.js') },
  sync: {
    summary: 'sync [--connection ID] [--from DATE] [--to DATE] [--full]: entities, then metrics',
    load: () => import('./cli/sync.js'),
  },
  connect: {
    summary: 'connect meta --account act_ID [--token TOKEN]: register an ad account',
    load: () => import('./cli/connect.js'),
  },
  migrate: { summary: 'apply pending database migrations', load: () => import('./cli/migrate.js') },
  demo: {
    summary: 'seed the demo workspace from the simulator and sync it',
    load: () => import('./cli/demo.js'),
  },
  simulator: {
    summary: 'simulator [--port N]: the loopback Meta Graph API simulator',
    load: () => import('./cli/simulator.js'),
  },
  keys: {
    summary: 'keys rotate | keys create-api-key: encryption and API keys',
    load: () => import('./cli/keys.js'),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: adnavi <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nConfiguration is read from the environment; see README.md.`;
}

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return;
  }
  const command = commands[name];
  if (!command) {
    console.error(`adnavi: unknown command "${name}"\n\n${usage()}`);
    process.exitCode = 2;
    return;
  }
  const mod = await command.load();
  await mod.run(args);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof AppError) {
    console.error(`adnavi: ${err.message}`);
  } else {
    console.error(`adnavi: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
  process.exitCode = 1;
});
