// Same-origin JSON calls to the REST API (session cookie) with the error envelope turned into ApiError.
export interface ApiFieldIssue {
  field: string;
  message: string;
  code?: string;
  origin?: string;
  minimum?: number | string;
  maximum?: number | string;
  expected?: string;
}

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details: Record<string, unknown> | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get fields(): ApiFieldIssue[] {
    const fields = this.details?.fields;
    return Array.isArray(fields) ? (fields as ApiFieldIssue[]) : [];
  }
}

interface Envelope {
  error?: { code?: string; message?: string; details?: Record<string, unknown> | null };
}

export async function errorFromResponse(res: Response): Promise<ApiError> {
  let body: Envelope | null = null;
  try {
    body = (await res.json()) as Envelope;
  } catch {
    // Not JSON (a proxy page, an empty 5xx): the status alone has to do.
  }
  const e = body?.error;
  return new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? res.statusText, e?.details ?? null);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

// The workspace of the page in this tab (set by WorkspaceProvider from the URL's
// slug). Each tab has its own copy, so a switch in another tab changes nothing here.
let pageWorkspaceId: string | null = null;

export function setApiWorkspace(id: string | null): void {
  pageWorkspaceId = id;
}

/** Headers every dashboard call to /api carries: the page's workspace as X-Tenant-ID. */
export function workspaceHeaders(): Record<string, string> {
  return pageWorkspaceId ? { 'x-tenant-id': pageWorkspaceId } : {};
}

export async function api<T>(method: Method, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const base = { accept: 'application/json', ...workspaceHeaders() };
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? base : { ...base, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  if (!res.ok) throw await errorFromResponse(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const apiGet = <T>(url: string, signal?: AbortSignal) => api<T>('GET', url, undefined, signal);

/** `?a=1&b=x` from the defined, non-empty entries. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `?${s}` : '';
}

export interface Pagination {
  page: number;
  limit: number;
  total: number;
  pages: number;
}
