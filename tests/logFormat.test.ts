// Log lines as a person reads them at a terminal (short, pretty) and as a pipe gets them (JSON), and
// the start-up line saying who answers.
import { describe, expect, it } from 'vitest';
import { answererOf, describeAnswerer } from '../src/assistant/answerer.js';
import { loadConfig } from '../src/config.js';
import { chooseLogFormat, prettyLine } from '../src/logFormat.js';

describe('log format', () => {
  it('is pretty on a terminal and JSON when piped, unless LOG_FORMAT says otherwise', () => {
    expect(chooseLogFormat(undefined, true)).toBe('pretty');
    expect(chooseLogFormat('auto', false)).toBe('json');
    expect(chooseLogFormat('json', true)).toBe('json');
    expect(chooseLogFormat('pretty', false)).toBe('pretty');
  });

  it('turns a JSON line into one short line: time, level, message, then the fields that say something', () => {
    const time = new Date(2026, 10, 30, 10, 5, 12).getTime();
    const line = JSON.stringify({
      level: 30,
      time,
      pid: 4242,
      hostname: 'box',
      service: 'adnavi',
      msg: 'serving',
      url: 'http://127.0.0.1:8787',
      demo: true,
      answerer: { source: 'planner' },
      note: 'two words',
    });
    expect(prettyLine(line)).toBe(
      '10:05:12 INFO  serving url=http://127.0.0.1:8787 demo=true answerer={"source":"planner"} note="two words"\n',
    );
    const err = JSON.stringify({
      level: 50,
      time,
      msg: 'sync failed',
      err: { message: 'boom', stack: 'Error: boom\n at x' },
    });
    expect(prettyLine(err)).toBe('10:05:12 ERROR sync failed err=boom\n');
    expect(prettyLine('not json\n')).toBe('not json\n');
  });
});

describe('who answers', () => {
  it('names the offline planner, or the model and where it runs', () => {
    const planner = answererOf(loadConfig({}));
    expect(planner).toEqual({ source: 'planner' });
    expect(describeAnswerer(planner)).toMatch(/^Answers come from the offline planner/);
    const model = answererOf(
      loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', ADNAVI_MODEL: 'llama3.1' }),
    );
    expect(model).toEqual({ source: 'llm', model: 'llama3.1', endpoint: '127.0.0.1:11434' });
    expect(describeAnswerer(model)).toBe(
      'Answers come from the model llama3.1 at 127.0.0.1:11434, with the offline planner as fallback.',
    );
  });
});
