// The HTTP API as the dashboard calls it: same origin, the bearer token of the signed-in user,
// JSON errors turned into ApiError with the server's message.
import { searchParams, type ApiQuery } from './queries';

const TOKEN_KEY = 'guarantor.token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function authHeaders(token = storedToken()): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

async function failure(r: Response): Promise<ApiError> {
  let message = `${r.status} ${r.statusText}`;
  try {
    const body = await r.json();
    if (body?.error?.message) message = body.error.message;
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(r.status, message);
}

export async function getJson<T>(path: string, token = storedToken()): Promise<T> {
  const r = await fetch(path, { headers: authHeaders(token) });
  if (!r.ok) throw await failure(r);
  return (await r.json()) as T;
}

export async function getText(path: string): Promise<{ text: string; headers: Headers }> {
  const r = await fetch(path, { headers: authHeaders() });
  if (!r.ok) throw await failure(r);
  return { text: await r.text(), headers: r.headers };
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const r = await fetch(path, {
    method: 'POST',
    headers: { ...authHeaders(), 'Content-Type': 'application/json' },
    body: body === undefined ? '' : JSON.stringify(body),
  });
  if (!r.ok) throw await failure(r);
  return (await r.json()) as T;
}

export interface Page<T> {
  items: T[];
  total?: number;
  next_after?: number;
}

// Every page of a list endpoint, following next_after, up to `cap` items.
export async function getAll<T>(path: string, query: ApiQuery, cap = 100000): Promise<T[]> {
  const items: T[] = [];
  let after = 0;
  for (;;) {
    const params = searchParams({ ...query, limit: '10000' });
    if (after > 0) params.set('after', String(after));
    const page = await getJson<Page<T>>(`${path}?${params}`);
    items.push(...page.items);
    if (page.next_after === undefined || page.items.length === 0 || items.length >= cap) break;
    after = page.next_after;
  }
  return items;
}

// A list fetched ahead of the view that will show it (the map's incidents, started with the
// sign-in check), handed over once.
const prefetched = new Map<string, Promise<unknown[]>>();

export function prefetchAll(path: string, query: ApiQuery): void {
  const key = path + JSON.stringify(query);
  if (prefetched.has(key)) return;
  const p = getAll(path, query);
  p.catch(() => undefined); // reported by the view that takes it
  prefetched.set(key, p);
}

export function getAllOnce<T>(path: string, query: ApiQuery): Promise<T[]> {
  const key = path + JSON.stringify(query);
  const p = prefetched.get(key);
  prefetched.delete(key);
  return (p as Promise<T[]> | undefined) ?? getAll<T>(path, query);
}
