// How a log line reads: JSON (one object per line, for files, pipes and log collectors) or, on a
// terminal, a short line a person can read ("10:05:12 INFO  serving url=http://… demo=true").
// LOG_FORMAT chooses; `auto` is pretty when stderr is a TTY and JSON otherwise. A tiny formatter
// rather than pino-pretty: one function, no worker thread, no extra dependencies.

export type LogFormat = 'json' | 'pretty';

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};
/** Fields every line has, or that say nothing to a person at a terminal. */
const QUIET = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'service']);

export function chooseLogFormat(setting: string | undefined, isTty: boolean): LogFormat {
  if (setting === 'json' || setting === 'pretty') return setting;
  return isTty ? 'pretty' : 'json';
}

function value(v: unknown): string {
  if (typeof v === 'string') return /[\s="]/.test(v) || v === '' ? JSON.stringify(v) : v;
  return JSON.stringify(v);
}

/** One JSON log line as a short readable line; a line that is not JSON passes through. */
export function prettyLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof entry.time === 'number' ? new Date(entry.time).toTimeString().slice(0, 8) : '';
  const level = LEVELS[Number(entry.level)] ?? String(entry.level ?? '');
  const fields = Object.entries(entry)
    .filter(([k]) => !QUIET.has(k))
    .map(([k, v]) => {
      if (k === 'err' && v && typeof v === 'object')
        return `err=${value((v as { message?: unknown }).message)}`;
      return `${k}=${value(v)}`;
    });
  return `${[time, level, entry.msg ?? '', ...fields].filter((p) => p !== '').join(' ')}\n`;
}
