// Every route handler under app/api is described in the OpenAPI document.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/openapi/document';

const API = path.resolve(__dirname, '../../app/api');
// Machine endpoints that are not part of the public API.
// /api/{rest} is the catch-all that answers unknown paths with 404 not_found.
const INTERNAL = [/^\/api\/auth\/\{nextauth\}/, /^\/api\/inngest$/, /^\/api\/openapi\.json$/, /^\/api\/\{rest\}$/];

function routes(dir: string, prefix = '/api'): { path: string; method: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) {
      const seg = e.name.replace(/^\[\.\.\.(\w+)\]$/, '{$1}').replace(/^\[(\w+)\]$/, '{$1}');
      return e.name.startsWith('(') ? routes(path.join(dir, e.name), prefix) : routes(path.join(dir, e.name), `${prefix}/${seg}`);
    }
    if (e.name !== 'route.ts') return [];
    const src = fs.readFileSync(path.join(dir, e.name), 'utf8');
    const methods = [...src.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
    const destructured = /export const \{ ([A-Z, ]+) \}/.exec(src)?.[1].split(',').map((s) => s.trim()) ?? [];
    return [...methods, ...destructured].map((method) => ({ path: prefix, method: method.toLowerCase() }));
  });
}

describe('OpenAPI document', () => {
  const doc = openApiDocument();

  it('is OpenAPI 3.1 with bearer auth', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components?.securitySchemes).toHaveProperty('bearerAuth');
  });

  it('describes every route handler', () => {
    const missing = routes(API)
      .filter((r) => !INTERNAL.some((re) => re.test(r.path)))
      .filter((r) => !(doc.paths?.[r.path] as Record<string, unknown> | undefined)?.[r.method])
      .map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('documents request bodies from the validation schemas', () => {
    const body = (doc.paths?.['/api/auth/register']?.post?.requestBody as { content: Record<string, { schema: { properties: Record<string, unknown>; required: string[] } }> })
      .content['application/json'].schema;
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['email', 'password', 'full_name', 'company_name']));
    expect(body.required).toEqual(expect.arrayContaining(['email', 'password', 'full_name']));
  });
});
