// `adnavi simulator [--port N] [--seed N] [--ads N]`: runs the loopback Meta Graph API simulator on
// its own until SIGINT/SIGTERM. Thin: parses flags and starts the simulator.
import { z } from 'zod';
import { untilStopped } from '../shutdown.js';
import { startSimulator } from '../simulator/index.js';
import { parseFlags } from './args.js';

const int = (min: number) => z.coerce.number().int().min(min);

const Flags = z.object({
  port: int(0).max(65535).default(8788),
  seed: int(0).default(42),
  ads: int(1).max(100_000).optional(),
});

export async function run(args: string[]): Promise<void> {
  const { flags } = parseFlags(
    args,
    { port: { type: 'string' }, seed: { type: 'string' }, ads: { type: 'string' } },
    Flags,
  );
  const sim = await startSimulator({ port: flags.port, seed: flags.seed, ads: flags.ads });
  console.error(
    `Meta Graph API simulator on ${sim.url}/${sim.version} (loopback only) — access token: ${sim.accessToken}, account: ${sim.accounts[0].id}`,
  );
  await untilStopped();
  await sim.close();
}
