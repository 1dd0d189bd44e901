// Due-work handlers, one per kind. The same handler serves both engines: the in-process
// runner (embedded default) and the Inngest function that sleeps until the due time.
// A handler runs outside any transaction (it may call the network) and acts as the
// system actor of the row's workspace; it opens its own withActor transactions.
import type { SystemActor } from '../jobs-tx';

export interface DueItem {
  id: string;
  workspaceId: string;
  kind: string;
  subject: string;
  dueAt: Date;
  payload: Record<string, unknown>;
  /** 1 on the first run. */
  attempts: number;
  maxAttempts: number;
}

export interface DueHandlerContext {
  workspaceId: string;
  actor: SystemActor;
  item: DueItem;
  now: Date;
}

export type DueHandler = (ctx: DueHandlerContext) => Promise<void>;

const g = globalThis as Record<string, unknown>;
const handlers: Map<string, DueHandler> =
  (g.__salesagentDueHandlers as Map<string, DueHandler>) ?? (g.__salesagentDueHandlers = new Map());

/** Registers the handler of a kind (a later registration replaces an earlier one: dev reloads). */
export function onDueWork(kind: string, handler: DueHandler): void {
  handlers.set(kind, handler);
}

export function dueHandlerFor(kind: string): DueHandler | undefined {
  return handlers.get(kind);
}
