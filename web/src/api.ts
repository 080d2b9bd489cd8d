// REST calls the pages make (same origin; the session cookie rides along). An error answer becomes
// an ApiError carrying the server's message and field issues, which the pages show as they are.
export interface FieldIssue {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => null)) as {
    error?: { message?: string; issues?: FieldIssue[] };
  } | null;
  if (!res.ok) {
    throw new ApiError(
      json?.error?.message ?? `${res.status} ${res.statusText}`,
      res.status,
      json?.error?.issues ?? [],
    );
  }
  return json as T;
}

export function getJson<T>(path: string): Promise<T> {
  return request<T>('GET', path);
}

export function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  return request<T>('POST', path, body);
}

export function patchJson<T>(path: string, body: unknown): Promise<T> {
  return request<T>('PATCH', path, body);
}

export function deleteJson(path: string): Promise<void> {
  return request<void>('DELETE', path);
}
