// `effective_status` and `filtering` parameters, shared by edges and insights. Edges hide DELETED
// and ARCHIVED objects unless the ask names effective statuses itself (Meta's default); insights
// never hide anything by default (deleted ads' rows still show in account insights).

import type { SimAd, SimAdset, SimCampaign } from './demoAccount.js';
import { invalidParameter } from './errors.js';
import { unixTime } from './timestamps.js';

type Listed = SimCampaign | SimAdset | SimAd;

interface Clause {
  field: string;
  operator: string;
  value: unknown;
}

function parseJson(name: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw invalidParameter(`Param ${name} must be a valid JSON value`);
  }
}

/** Reads `effective_status` (JSON array or comma list) and `filtering` (JSON array of clauses). */
export function parseFilters(params: URLSearchParams): Clause[] {
  const clauses: Clause[] = [];
  const es = params.get('effective_status');
  if (es) {
    const value = es.trim().startsWith('[') ? parseJson('effective_status', es) : es.split(',');
    if (!Array.isArray(value)) throw invalidParameter('Param effective_status must be an array');
    clauses.push({ field: 'effective_status', operator: 'IN', value });
  }
  const f = params.get('filtering');
  if (f) {
    const value = parseJson('filtering', f);
    if (!Array.isArray(value)) throw invalidParameter('Param filtering must be an array');
    for (const c of value) {
      if (!c || typeof c !== 'object' || typeof c.field !== 'string' || typeof c.operator !== 'string') {
        throw invalidParameter('Param filtering must be an array of {field, operator, value}');
      }
      clauses.push({ field: c.field, operator: c.operator.toUpperCase(), value: c.value });
    }
  }
  return clauses;
}

function owner(obj: Listed, level: string): Listed | undefined {
  if (level === obj.kind) return obj;
  if (level === 'campaign' && obj.kind !== 'campaign') return obj.campaign;
  if (level === 'adset' && obj.kind === 'ad') return obj.adset;
  return undefined;
}

function filterValue(obj: Listed, field: string): unknown {
  const dot = field.indexOf('.');
  const target = dot > 0 ? owner(obj, field.slice(0, dot)) : obj;
  const name = dot > 0 ? field.slice(dot + 1) : field;
  if (!target) return undefined;
  const tz = target.account.spec.timeZone;
  switch (name) {
    case 'id':
      return target.id;
    case 'name':
      return target.name;
    case 'effective_status':
      return target.effectiveStatus;
    case 'status':
    case 'configured_status':
      return target.status;
    case 'objective':
      return target.kind === 'ad' || target.kind === 'adset' ? target.campaign.objective : target.objective;
    case 'updated_time':
      return unixTime(target.updatedDay, target.id, 'updated', tz);
    case 'created_time':
      return unixTime(target.createdDay, target.id, 'created', tz);
    default:
      throw invalidParameter(`Filtering field '${field}' is invalid.`);
  }
}

function matches(obj: Listed, c: Clause): boolean {
  const v = filterValue(obj, c.field);
  const list = Array.isArray(c.value) ? c.value.map(String) : [String(c.value)];
  const num = Number(c.value);
  switch (c.operator) {
    case 'EQUAL':
      return String(v) === String(c.value);
    case 'NOT_EQUAL':
      return String(v) !== String(c.value);
    case 'IN':
      return list.includes(String(v));
    case 'NOT_IN':
      return !list.includes(String(v));
    case 'CONTAIN':
      return String(v).toLowerCase().includes(String(c.value).toLowerCase());
    case 'NOT_CONTAIN':
      return !String(v).toLowerCase().includes(String(c.value).toLowerCase());
    case 'GREATER_THAN':
      return Number(v) > num;
    case 'GREATER_THAN_OR_EQUAL':
      return Number(v) >= num;
    case 'LESS_THAN':
      return Number(v) < num;
    case 'LESS_THAN_OR_EQUAL':
      return Number(v) <= num;
    default:
      throw invalidParameter(`Filtering operator '${c.operator}' is not supported.`);
  }
}

export function applyFilters<T extends Listed>(items: T[], clauses: Clause[], hideByDefault: boolean): T[] {
  const namesStatus = clauses.some((c) => c.field.endsWith('effective_status'));
  return items.filter((obj) => {
    if (
      hideByDefault &&
      !namesStatus &&
      (obj.effectiveStatus === 'DELETED' || obj.effectiveStatus === 'ARCHIVED')
    ) {
      return false;
    }
    return clauses.every((c) => matches(obj, c));
  });
}
