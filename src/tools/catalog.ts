// Every tool, in the order clients list them.
import { comparePeriods } from './comparePeriods.js';
import { getMetrics } from './getMetrics.js';
import { listConnections } from './listConnections.js';
import { listEntities } from './listEntities.js';
import { syncStatus } from './syncStatus.js';
import { triggerSync } from './triggerSync.js';
import type { ToolDefinition } from './types.js';

export const catalog: ToolDefinition[] = [
  listEntities,
  getMetrics,
  comparePeriods,
  listConnections,
  triggerSync,
  syncStatus,
];
