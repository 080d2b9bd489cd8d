// The `adnavi` command: parses the command name and hands the rest to src/cli/<command>.ts (the list
// is src/cli/commands.ts). Thin by design; each command module parses its own flags (with zod).

import { COMMANDS, commandHelp, HELP_FLAGS, usage } from './cli/commands.js';
import { ConfigError } from './config.js';
import { AppError } from './errors.js';
import { handleSignals } from './shutdown.js';
import { PRODUCT } from './version.js';

const VERSION_FLAGS = new Set(['--version', '-V', 'version']);

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return;
  }
  if (VERSION_FLAGS.has(name)) {
    console.log(`${PRODUCT.name} ${PRODUCT.version}`);
    return;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`adnavi: unknown command "${name}"\n\n${usage()}`);
    process.exitCode = 2;
    return;
  }
  if (args.some((a) => HELP_FLAGS.has(a))) {
    console.log(commandHelp(name, command));
    return;
  }
  handleSignals(); // from here on a signal closes what is open (the database, its lock) before exiting
  const mod = await command.load();
  await mod.run(args);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof AppError) {
    console.error(`adnavi: ${err.message}`);
  } else {
    console.error(`adnavi: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
  // exit now: an open pool, database or timer left by the failed start must not keep the process alive
  process.exit(1);
});
