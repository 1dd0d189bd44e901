// Stacked server-action clients: base (name, request id, error policy) → user
// (session) → workspace (membership + the permission the action declares).
import { createSafeActionClient } from 'next-safe-action';
import { headers } from 'next/headers';
import crypto from 'node:crypto';
import { z } from 'zod';
import { PERMISSIONS, assertCan } from '@/lib/auth/permissions';
import { AppError, toAppError, unauthorized } from '@/lib/api/errors';
import { loggableError } from '@/lib/api/error-response';
import { assertNoNul } from '@/lib/api/text-guard';
import { clientIpFrom } from '@/lib/api/client-ip';
import { logger } from '@/lib/log/logger';
import { runWithContext, currentContext } from '@/lib/log/context';
import { resolveCaller, type WorkspaceCaller } from '@/lib/auth/resolve-caller';
import { consume } from '@/lib/ratelimit/limits';

export interface ActionError {
  code: string;
  message: string;
  details?: unknown;
}

export const publicAction = createSafeActionClient({
  defineMetadataSchema: () => z.object({ name: z.string(), permission: z.enum(PERMISSIONS).optional() }),
  defaultValidationErrorsShape: 'flattened',
  handleServerError(e): ActionError {
    const err = toAppError(e);
    if (err.status >= 500) logger.error({ err: loggableError(e) }, 'server action failed');
    else logger.info({ code: err.code, status: err.status }, 'server action refused');
    return { code: err.code, message: err.message, details: err.details ?? null };
  },
}).use(async ({ next, metadata, clientInput, bindArgsClientInputs }) => {
  // Before any schema or lib code sees the input (the same rule as lib/api/request.ts).
  assertNoNul(clientInput);
  for (const arg of bindArgsClientInputs) assertNoNul(arg);
  const h = await headers();
  const requestId = h.get('x-request-id') ?? crypto.randomUUID();
  return runWithContext({ requestId }, async () => {
    const started = performance.now();
    const result = await next({ ctx: { requestId } });
    logger.info({ action: metadata.name, duration_ms: Math.round(performance.now() - started) }, 'action');
    return result;
  });
});

async function callerFromHeaders(requireWorkspace: boolean, workspaceId?: string) {
  const h = await headers();
  const req = new Request('http://internal/', { headers: new Headers(h) });
  // Workspace actions act where the calling page is, never in "the last used" one.
  if (workspaceId !== undefined) req.headers.set('x-tenant-id', workspaceId);
  else req.headers.delete('x-tenant-id');
  const meta = {
    ip: clientIpFrom(h),
    userAgent: h.get('user-agent'),
    requestId: currentContext()?.requestId,
  };
  // Server actions are called by our own pages; Bearer tokens are for the REST API.
  req.headers.delete('authorization');
  const caller = await resolveCaller(req, meta, { requireWorkspace });
  if (!caller) throw unauthorized();
  const ctx = currentContext();
  if (ctx) {
    ctx.userId = caller.user.id;
    ctx.workspaceId = caller.workspace?.id;
  }
  return caller;
}

export const userAction = publicAction.use(async ({ next, ctx }) => {
  const caller = await callerFromHeaders(false);
  await consume('crud', `user:${caller.user.id}`);
  return next({ ctx: { ...ctx, caller } });
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every workspace action takes the page's workspace id as its first, bound
 * argument (components call it through useWorkspaceAction); membership and the
 * declared permission are checked in that workspace.
 */
export const workspaceAction = publicAction.use(async ({ next, ctx, metadata, bindArgsClientInputs }) => {
  const workspaceId = bindArgsClientInputs[0];
  if (typeof workspaceId !== 'string' || !UUID.test(workspaceId)) {
    throw new AppError(400, 'workspace_required', 'The workspace of the page must be sent with this action', {
      fields: [{ field: 'workspace_id', message: 'must be a workspace id (UUID)', code: 'workspace_required' }],
    });
  }
  const caller = (await callerFromHeaders(true, workspaceId)) as WorkspaceCaller;
  await consume('crud', `user:${caller.user.id}`);
  if (!metadata.permission) throw new Error(`workspace action ${metadata.name} declares no permission`);
  assertCan(caller.actor, metadata.permission);
  return next({ ctx: { ...ctx, caller } });
}).bindArgsSchemas([z.uuid()]);
