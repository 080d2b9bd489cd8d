// Public entry of the loopback Meta Graph API simulator: startSimulator() binds a server to
// 127.0.0.1 with the seeded demo account(s), OAuth endpoints and fault injection. The demo mode
// and the tests sync from it through META_GRAPH_URL = simulator.url.

import type { AddressInfo } from 'node:net';
import { CallLog } from './callLog.js';
import { euAccountSpec, fleetAccountSpec, mainAccountSpec } from './demoAccount.js';
import { Faults } from './faults.js';
import { TokenStore } from './oauth.js';
import { Reports } from './reports.js';
import { DataRoutes } from './routes.js';
import { createGraphServer } from './server.js';
import type { Simulator, SimulatorOptions } from './types.js';
import { UsageMeter } from './usage.js';
import { World } from './world.js';

export type { Simulator, SimulatorCallLog, SimulatorFaults, SimulatorOptions } from './types.js';

export const SIMULATOR_VERSION = 'v24.0';

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const now = opts.now ?? (() => new Date());
  const accessToken = opts.accessToken ?? 'demo-token';
  const appId = opts.appId ?? 'demo-app';
  const appSecret = opts.appSecret ?? 'demo-secret';
  const fleet = opts.fleet;
  const specs = [
    mainAccountSpec(opts.ads),
    ...(opts.secondAccount ? [euAccountSpec()] : []),
    ...Array.from({ length: fleet?.accounts ?? 0 }, (_, i) => fleetAccountSpec(i, fleet!.ads)),
  ];
  const world = new World(specs, opts.seed ?? 42, now);
  const faults = new Faults(opts.faults);
  const reports = new Reports();
  const calls = new CallLog();
  const server = createGraphServer({
    world,
    routes: new DataRoutes(world, reports, faults),
    tokens: new TokenStore({ accessToken, appId, appSecret, now }),
    faults,
    calls,
    usage: new UsageMeter(fleet?.callsPerMinute),
    accountBudgets: fleet !== undefined,
    appSecret,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the simulator hands out tokens and must never be reachable from outside.
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    version: SIMULATOR_VERSION,
    accessToken,
    accounts: specs.map((s) => ({ id: s.id, currency: s.currency, timeZone: s.timeZone, name: s.name })),
    setFaults: (f) => faults.set(f),
    calls: () => calls.snapshot(),
    resetCalls: () => calls.reset(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
