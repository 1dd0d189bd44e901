// Request-scoped context (request id, actor) carried through async calls.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
  userId?: string;
  workspaceId?: string;
}

const storage: AsyncLocalStorage<RequestContext> =
  ((globalThis as Record<string, unknown>).__salesagentAls as AsyncLocalStorage<RequestContext>) ??
  ((globalThis as Record<string, unknown>).__salesagentAls = new AsyncLocalStorage<RequestContext>());

export function runWithContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}
