// Without Inngest (the embedded default) events are handled in-process by the
// same lib functions the Inngest functions call. Capabilities register here.
import type { AppEvent, AppEventName } from './events';

type Handler = (event: AppEvent) => Promise<void>;
const g = globalThis as Record<string, unknown>;
const handlers: Map<string, Handler[]> =
  (g.__salesagentLocalHandlers as Map<string, Handler[]>) ?? (g.__salesagentLocalHandlers = new Map());

export function onLocalEvent<N extends AppEventName>(name: N, handler: (event: AppEvent<N>) => Promise<void>): void {
  const list = handlers.get(name) ?? [];
  list.push(handler as Handler);
  handlers.set(name, list);
}

export function localHandlersFor(name: string): Handler[] {
  return handlers.get(name) ?? [];
}
