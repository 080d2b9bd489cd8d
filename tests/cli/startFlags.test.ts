// A command that needs V8 flags at start runs again in a child node (bin/startFlags.mjs): the child
// has the flags, its exit is the command's exit, a signal reaches it exactly once (the CLI treats a
// second SIGINT as "stop at once"), and it does not outlive a parent killed with SIGKILL.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const FLAG = '--max-semi-space-size=4';
const dir = mkdtempSync(join(tmpdir(), 'adnavi-startflags-'));
const script = join(dir, 'command.mjs');
writeFileSync(
  script,
  `import { relaunchWith, watchParent } from ${JSON.stringify(pathToFileURL('bin/startFlags.mjs').href)};
if (!relaunchWith([${JSON.stringify(FLAG)}])) {
  watchParent();
  const signals = [];
  for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => signals.push(s));
  console.log(JSON.stringify({ pid: process.pid, ppid: process.ppid, execArgv: process.execArgv }));
  const mode = process.argv[2];
  if (mode === 'exit') process.exit(3);
  // report the signals received within a short while of the first, then exit as the CLI does
  const timer = setInterval(() => {
    if (signals.length === 0) return;
    clearInterval(timer);
    setTimeout(() => { console.log(JSON.stringify({ signals })); process.exit(130); }, 300);
  }, 20);
}
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Started {
  parent: ChildProcess;
  lines: Promise<Record<string, unknown>>[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the command; lines[i] resolves with its i-th JSON line on stdout. */
function start(mode: string): Started {
  const parent = spawn(process.execPath, [script, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  const waiting: ((v: Record<string, unknown>) => void)[] = [];
  const lines = [0, 1].map((i) => new Promise<Record<string, unknown>>((r) => (waiting[i] = r)));
  let seen = 0;
  let buffer = '';
  parent.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      waiting[seen++]?.(JSON.parse(buffer.slice(0, nl)));
      buffer = buffer.slice(nl + 1);
    }
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    parent.on('exit', (code, signal) => r({ code, signal })),
  );
  return { parent, lines, exit };
}

/** Running, not exited: an orphan's exit leaves a zombie until PID 1 reaps it, which can take a second. */
function running(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] !== 'Z';
  } catch {
    return false;
  }
}

describe('commands that start with V8 flags', () => {
  it('run in a child started with the flags, whose exit code is the command exit code', async () => {
    const run = start('exit');
    const child = await run.lines[0];
    expect(child.execArgv).toContain(FLAG);
    expect(child.ppid).toBe(run.parent.pid);
    expect(await run.exit).toEqual({ code: 3, signal: null });
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('pass %s on to the child exactly once', async (signal) => {
    const run = start('wait');
    await run.lines[0];
    run.parent.kill(signal);
    expect((await run.lines[1]).signals).toEqual([signal]);
    expect((await run.exit).code).toBe(130);
  });

  it('stop the child when the parent is killed with SIGKILL', async () => {
    const run = start('wait');
    const { pid } = (await run.lines[0]) as { pid: number };
    expect(running(pid)).toBe(true);
    run.parent.kill('SIGKILL');
    await run.exit;
    const deadline = Date.now() + 10_000;
    while (running(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(running(pid)).toBe(false);
  });
});
