// Flag parsing for the command modules: node's parseArgs, then a zod schema names any bad flag.
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { ValidationError } from '../errors.js';

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

export function parseFlags<S extends z.ZodType>(
  args: string[],
  options: Options,
  schema: S,
): { flags: z.output<S>; positionals: string[] } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw ValidationError.field('arguments', err instanceof Error ? err.message : String(err));
  }
  const result = schema.safeParse(parsed.values);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw ValidationError.field(`--${issue.path.join('.')}`, issue.message);
  }
  return { flags: result.data, positionals: parsed.positionals };
}
