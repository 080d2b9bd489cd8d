// Cursor paging in Meta's shape: { data, paging: { cursors: { before, after }, next } }. Cursors are
// opaque base64 strings holding a position, so a page is computed from where the last one ended
// (no re-computation of earlier pages, which matters for insights over 5,000 ads). `next` is an
// absolute URL that carries the token, like Meta's.

import { invalidParameter } from './errors.js';

export const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 5000;

export function parseLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_LIMIT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw invalidParameter('Param limit must be a positive integer');
  return Math.min(n, MAX_LIMIT);
}

export function encodeCursor(position: number[]): string {
  return Buffer.from(`pos:${position.join(',')}`).toString('base64url');
}

export function decodeCursor(cursor: string): number[] {
  const text = Buffer.from(cursor, 'base64url').toString();
  if (!text.startsWith('pos:')) throw invalidParameter('Invalid cursor');
  const parts = text.slice(4).split(',').map(Number);
  if (parts.some((p) => !Number.isInteger(p) || p < 0)) throw invalidParameter('Invalid cursor');
  return parts;
}

/** Builds the absolute URL of the next page: the same ask with a new `after` and the token. */
export type NextLink = (after: string) => string;

export function nextLinkFor(
  baseUrl: string,
  pathname: string,
  params: URLSearchParams,
  token: string,
): NextLink {
  return (after) => {
    const q = new URLSearchParams(params);
    q.delete('before');
    q.set('after', after);
    q.set('access_token', token);
    return `${baseUrl}${pathname}?${q.toString()}`;
  };
}

export interface Page<T> {
  data: T[];
  paging?: { cursors: { before: string; after: string }; next?: string };
}

/** Wraps a page of data; an empty result has no paging at all, as Meta often answers. */
export function pageOf<T>(
  data: T[],
  first: number[],
  last: number[],
  hasMore: boolean,
  next: NextLink,
): Page<T> {
  if (data.length === 0) return { data };
  const after = encodeCursor(last);
  const page: Page<T> = { data, paging: { cursors: { before: encodeCursor(first), after } } };
  if (hasMore && page.paging) page.paging.next = next(after);
  return page;
}

/** Pages a plain list by offset. */
export function pageList<T>(items: T[], params: URLSearchParams, next: NextLink): Page<T> {
  const limit = parseLimit(params.get('limit') ?? undefined);
  const after = params.get('after');
  const start = after ? decodeCursor(after)[0] + 1 : 0;
  const slice = items.slice(start, start + limit);
  return pageOf(slice, [start], [start + slice.length - 1], start + slice.length < items.length, next);
}
