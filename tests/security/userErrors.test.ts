// One way errors reach users: our errors pass with their message, a database refusing a value is a
// 400 without the database's words, anything else is an error id (details only in the log); text
// fields refuse NUL and control characters at the edge with the field named.
import { describe, expect, it } from 'vitest';
import { ToolRunner } from '../../src/assistant/toolRunner.js';
import { NotFoundError, parseInput, ValidationError } from '../../src/errors.js';
import { logger } from '../../src/log.js';
import { clientMessageSchema } from '../../src/server/chatProtocol.js';
import { toUserError } from '../../src/userErrors.js';

const log = logger.child({ test: 'userErrors' });

describe('toUserError', () => {
  it('passes our errors, turns a data exception into 400 and hides anything else behind an id', () => {
    expect(toUserError(new NotFoundError('no such run'), log)).toEqual({
      status: 404,
      code: 'not_found',
      message: 'no such run',
    });
    expect(toUserError(ValidationError.field('name', 'too long'), log).issues).toEqual([
      { field: 'name', message: 'too long' },
    ]);
    const nul = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: '22021',
    });
    const refused = toUserError(nul, log);
    expect(refused.status).toBe(400);
    expect(refused.message).not.toContain('UTF8');
    const internal = toUserError(new Error('relation "secret_table" does not exist'), log);
    expect(internal.status).toBe(500);
    expect(internal.message).toContain(internal.errorId);
    expect(internal.message).not.toContain('secret_table');
  });
});

describe('text fields', () => {
  it('refuse NUL and control characters naming the field', () => {
    for (const bad of ['a\u0000b', 'x\u0007', '\u001b[31m']) {
      try {
        parseInput(clientMessageSchema, { type: 'ask', id: 'q', question: bad });
        expect.unreachable();
      } catch (err) {
        expect((err as ValidationError).issues[0].field).toBe('question');
      }
    }
    expect(
      parseInput(clientMessageSchema, { type: 'ask', id: 'q', question: 'tab\tand newline\nok' }),
    ).toBeTruthy();
  });
});

describe("the assistant's tool runner", () => {
  it('never puts a raw internal message into the answer', async () => {
    const runner = new ToolRunner({
      db: {
        kind: 'pg',
        query: async () => {
          throw new Error('column "password_hash" leaked from pg');
        },
      },
      workspaceId: 'w',
      log,
    } as never);
    const result = await runner.call('list_connections', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).not.toContain('password_hash');
      expect(result.error).toMatch(/error id/);
    }
  });
});
