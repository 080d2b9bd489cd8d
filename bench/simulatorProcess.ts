// The simulator in a process of its own, for benchmarks that measure this process's memory (the
// simulator builds every page it serves; in production Meta does that elsewhere). Run as a child by
// startSimulatorProcess; the parent reads and resets the call log over the IPC channel.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../src/simulator/index.js';
import type { Simulator, SimulatorCallLog } from '../src/simulator/types.js';

type Request = { id: number; op: 'calls' | 'reset' | 'close' };
type Reply = { id: number; calls?: SimulatorCallLog };

/** A simulator of `ads` ads in a child process; calls() and resetCalls() ask it over IPC. */
export async function startSimulatorProcess(ads: number): Promise<
  Omit<Simulator, 'setFaults' | 'calls' | 'resetCalls'> & {
    calls(): Promise<SimulatorCallLog>;
    resetCalls(): Promise<void>;
  }
> {
  const child = fork(fileURLToPath(import.meta.url), [String(ads)], { execArgv: ['--import', 'tsx'] });
  const info = await new Promise<Pick<Simulator, 'url' | 'version' | 'accessToken' | 'accounts'>>(
    (resolve, reject) => {
      child.once('message', (m) =>
        resolve(m as Pick<Simulator, 'url' | 'version' | 'accessToken' | 'accounts'>),
      );
      child.once('exit', (code) => reject(new Error(`simulator process exited (${code})`)));
    },
  );
  let next = 0;
  const ask = (op: Request['op']) =>
    new Promise<Reply>((resolve) => {
      const id = ++next;
      const onReply = (m: unknown) => {
        if ((m as Reply).id !== id) return;
        child.off('message', onReply);
        resolve(m as Reply);
      };
      child.on('message', onReply);
      child.send({ id, op } satisfies Request);
    });
  return {
    ...info,
    calls: async () => (await ask('calls')).calls!,
    resetCalls: async () => {
      await ask('reset');
    },
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask('close');
      await exited;
    },
  };
}

async function serve(ads: number): Promise<void> {
  const sim = await startSimulator({ ads });
  process.send?.({
    url: sim.url,
    version: sim.version,
    accessToken: sim.accessToken,
    accounts: sim.accounts,
  });
  process.on('message', (m: Request) => {
    if (m.op === 'calls') process.send?.({ id: m.id, calls: sim.calls() } satisfies Reply);
    if (m.op === 'reset') {
      sim.resetCalls();
      process.send?.({ id: m.id } satisfies Reply);
    }
    if (m.op === 'close') {
      process.send?.({ id: m.id } satisfies Reply);
      void sim.close().then(() => process.exit(0));
    }
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await serve(Number(process.argv[2]));
