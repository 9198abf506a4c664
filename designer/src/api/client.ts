/**
 * The designer's one door to the API. Every call goes through `apiRequest`, which adds the JWT and
 * turns the API's `{ code, message, details }` error body into an `ApiError` the screens can show.
 */
export const API_BASE = '/api';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let token: string | null = sessionStorage.getItem('opscycle.token');
const listeners = new Set<() => void>();

export function setToken(next: string | null): void {
  token = next;
  if (next) sessionStorage.setItem('opscycle.token', next);
  else sessionStorage.removeItem('opscycle.token');
}

export function getToken(): string | null {
  return token;
}

/** Called when the API answers 401: the session is over. */
export function onUnauthorized(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${API_BASE}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    if (response.status === 401 && token) listeners.forEach((l) => l());
    const err = (parsed ?? {}) as { code?: string; message?: string; details?: unknown };
    throw new ApiError(
      response.status,
      err.code ?? `HTTP_${response.status}`,
      err.message ?? (response.statusText || `HTTP ${response.status}`),
      err.details,
    );
  }
  return parsed as T;
}

/** Fetches a non-JSON resource (CSV export) with the same credentials. */
export async function apiDownload(path: string): Promise<Blob> {
  const response = await fetch(`${API_BASE}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) throw new ApiError(response.status, `HTTP_${response.status}`, response.statusText, null);
  return response.blob();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}
