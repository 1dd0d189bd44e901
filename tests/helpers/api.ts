// Calls the real route handlers in app/api the way Next.js would, by path.
import fs from 'node:fs';
import path from 'node:path';
import { NextRequest } from 'next/server';

const API_ROOT = path.resolve(__dirname, '../../app/api');

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

function resolveRoute(pathname: string): { file: string; params: Record<string, string | string[]> } {
  const segments = pathname.replace(/^\/api\/?/, '').split('/').filter(Boolean);
  // As Next.js does: a static segment first, then a dynamic one, then a catch-all; a branch
  // that leads nowhere (e.g. integrations/telegram/disconnect next to integrations/[type]/disconnect) falls back.
  const walk = (dir: string, i: number, params: Record<string, string | string[]>): { file: string; params: Record<string, string | string[]> } | null => {
    if (i === segments.length) return fs.existsSync(path.join(dir, 'route.ts')) ? { file: path.join(dir, 'route.ts'), params } : null;
    const seg = decodeURIComponent(segments[i]);
    const entries = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    if (entries.includes(seg)) {
      const found = walk(path.join(dir, seg), i + 1, params);
      if (found) return found;
    }
    const dyn = entries.find((e) => /^\[[^.].*\]$/.test(e));
    if (dyn) {
      const found = walk(path.join(dir, dyn), i + 1, { ...params, [dyn.slice(1, -1)]: seg });
      if (found) return found;
    }
    const rest = entries.find((e) => /^\[\.\.\..*\]$/.test(e));
    if (rest) {
      const file = path.join(dir, rest, 'route.ts');
      if (fs.existsSync(file)) return { file, params: { ...params, [rest.slice(4, -1)]: segments.slice(i).map(decodeURIComponent) } };
    }
    return null;
  };
  const found = walk(API_ROOT, 0, {});
  if (!found) throw new Error(`No route for ${pathname}`);
  return found;
}

export interface ApiResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
  raw: Response;
}

export interface CallOptions {
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  form?: FormData;
  query?: Record<string, string | number | boolean | undefined>;
}

export async function api<T = any>(method: string, pathname: string, opts: CallOptions = {}): Promise<ApiResult<T>> {
  const { file, params } = resolveRoute(pathname.split('?')[0]);
  const mod = (await import(file)) as Record<string, Handler>;
  const handler = mod[method];
  if (!handler) throw new Error(`${method} not exported by ${file}`);
  const url = new URL(`http://localhost:3000${pathname}`);
  for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  const headers = new Headers(opts.headers);
  if (opts.token) headers.set('authorization', `Bearer ${opts.token}`);
  let body: BodyInit | undefined;
  if (opts.form) {
    const tmp = new Request('http://x', { method: 'POST', body: opts.form });
    headers.set('content-type', tmp.headers.get('content-type')!);
    body = new Uint8Array(await tmp.arrayBuffer());
    headers.set('content-length', String((body as Uint8Array).byteLength));
  } else if (opts.body !== undefined) {
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  }
  const req = new NextRequest(url, { method, headers, body });
  const raw = await handler(req, { params: Promise.resolve(params) });
  const text = await raw.clone().text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* binary or plain text */
  }
  return { status: raw.status, body: parsed as T, headers: raw.headers, raw };
}

let seq = 0;
/** Registers a fresh user through the API and returns its tokens and ids. */
export async function registerUser(overrides: Partial<{ email: string; password: string; full_name: string; company_name: string }> = {}) {
  seq += 1;
  const email = overrides.email ?? `user${seq}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = overrides.password ?? 'Tr0ub4dor&3-horse';
  const res = await api('POST', '/api/auth/register', {
    body: { email, password, full_name: overrides.full_name ?? `User ${seq}`, company_name: overrides.company_name ?? `Company ${seq}` },
    headers: { 'x-forwarded-for': `10.0.${seq % 250}.${Math.floor(Math.random() * 250)}` },
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    email,
    password,
    token: res.body.access_token as string,
    refresh: res.body.refresh_token as string,
    userId: res.body.user.id as string,
    workspaceId: res.body.user.workspace.id as string,
  };
}
