// A tool schema as JSON Schema, for whoever describes tools to the outside: the MCP server's
// tools/list and the model's function specs. One conversion, so both see the same contract.
import { z } from 'zod';

/** `io: 'input'` makes fields with defaults optional (what a caller may send); 'output' what comes back. */
export function toolJsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return { ...rest, type: 'object' };
}
