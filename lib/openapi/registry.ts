// The OpenAPI description of the REST API, built from the same zod schemas the
// routes validate with. Each capability registers its routes in lib/openapi/routes/.
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { Permission } from '@/lib/auth/permissions';

export const registry = new OpenAPIRegistry();

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().nullable(),
    request_id: z.string().optional(),
  }),
});

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  /** Needs a signed-in caller; with a permission, also that permission in the workspace. */
  auth?: boolean;
  permission?: Permission;
  body?: z.ZodType;
  multipart?: Record<string, 'file' | 'files'>;
  query?: z.ZodObject;
  params?: Record<string, 'uuid' | 'integer' | 'string'>;
  status?: number;
  response?: z.ZodType;
}

const PARAM: Record<string, z.ZodType> = { uuid: z.uuid(), integer: z.coerce.number().int(), string: z.string() };

export function defineRoute(doc: RouteDoc): void {
  const status = doc.status ?? 200;
  const requestBody = doc.body
    ? { content: { 'application/json': { schema: doc.body } } }
    : doc.multipart
      ? {
          content: {
            'multipart/form-data': {
              schema: z.object(
                Object.fromEntries(
                  Object.entries(doc.multipart).map(([k, kind]) => [
                    k,
                    kind === 'file' ? z.string().meta({ format: 'binary' }) : z.array(z.string().meta({ format: 'binary' })),
                  ]),
                ),
              ),
            },
          },
        }
      : undefined;
  const errors: Record<number, string> = { 400: 'Validation error naming each bad field', 429: 'Rate limited (see Retry-After)' };
  if (doc.auth || doc.permission) Object.assign(errors, { 401: 'Not authenticated', 403: 'Not allowed for this role or workspace' });
  if (doc.params) errors[404] = 'Not found (also for another workspace’s records)';
  if (doc.body) errors[415] = 'Body is not JSON';
  registry.registerPath({
    method: doc.method,
    path: doc.path.replace(/:(\w+)/g, '{$1}'),
    summary: doc.summary,
    description: doc.permission ? `Requires permission \`${doc.permission}\`.` : undefined,
    tags: [doc.tag],
    security: doc.auth || doc.permission ? [{ bearerAuth: [] }, { sessionCookie: [] }] : [],
    request: {
      ...(doc.params ? { params: z.object(Object.fromEntries(Object.entries(doc.params).map(([k, t]) => [k, PARAM[t]]))) } : {}),
      ...(doc.query ? { query: doc.query } : {}),
      ...(doc.permission ? { headers: z.object({ 'x-tenant-id': z.uuid().optional() }) } : {}),
      ...(requestBody ? { body: requestBody } : {}),
    },
    responses: {
      [status]: {
        description: status === 204 ? 'Done, no content' : 'Success',
        ...(status === 204 ? {} : { content: { 'application/json': { schema: doc.response ?? z.record(z.string(), z.unknown()) } } }),
      },
      ...Object.fromEntries(
        Object.entries(errors).map(([code, description]) => [code, { description, content: { 'application/json': { schema: errorSchema } } }]),
      ),
    },
  });
}
