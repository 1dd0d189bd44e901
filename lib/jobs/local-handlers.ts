// Without Inngest (the embedded default) events are handled in-process by the same lib
// functions the Inngest functions call. Capabilities register here. A handler gets the
// workspace and the system actor from the outbox row, never from the payload.
import type { AppEvent, AppEventName } from './events';
import type { JobContext } from './jobs-tx';

type Handler = (event: AppEvent, ctx: JobContext) => Promise<void>;
const g = globalThis as Record<string, unknown>;
const handlers: Map<string, Handler[]> =
  (g.__salesagentLocalHandlers as Map<string, Handler[]>) ?? (g.__salesagentLocalHandlers = new Map());

export function onLocalEvent<N extends AppEventName>(
  name: N,
  handler: (event: AppEvent<N>, ctx: JobContext) => Promise<void>,
): void {
  const list = handlers.get(name) ?? [];
  list.push(handler as Handler);
  handlers.set(name, list);
}

export function localHandlersFor(name: string): Handler[] {
  return handlers.get(name) ?? [];
}
