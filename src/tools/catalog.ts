// Every tool, in the order clients list them.
import type { ToolDefinition } from './types.js';

export const catalog: ToolDefinition[] = [];
