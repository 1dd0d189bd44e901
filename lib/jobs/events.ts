// The events background work reacts to: names and payload schemas in one place, as
// Inngest v4 typed events (eventType + zod). Functions use them as triggers; the outbox
// relay validates every payload against them before delivery.
import { eventType } from 'inngest';
import { z } from 'zod';

export const kbArticleSaved = eventType('kb/article.saved', {
  schema: z.object({ workspace_id: z.uuid(), article_id: z.number().int().positive() }),
});
export const kbArticleDeleted = eventType('kb/article.deleted', {
  schema: z.object({ workspace_id: z.uuid(), article_id: z.number().int().positive() }),
});
/**
 * A due-work row was scheduled: the Inngest path sleeps until due_at, then claims it. kind and
 * subject (issue 9) key its concurrency: one run at a time per conversation / message.
 */
export const dueWorkScheduled = eventType('jobs/due-work.scheduled', {
  schema: z.object({
    workspace_id: z.uuid(),
    id: z.uuid(),
    due_at: z.iso.datetime({ offset: true }),
    kind: z.string().max(100).optional(),
    subject: z.string().max(255).optional(),
  }),
});

/** A file was stored: its text is extracted in the background, with caps. */
export const kbFileUploaded = eventType('kb/file.uploaded', {
  schema: z.object({ workspace_id: z.uuid(), article_id: z.number().int().positive(), file_id: z.string().min(1) }),
});

/** Before sign-in, so no workspace: the handler looks the address up and mails a link if it exists. */
export const authPasswordResetRequested = eventType('auth/password-reset.requested', {
  schema: z.object({ email: z.email() }),
});

/** An outbound message waits for delivery (an approved draft): the channel sender of issue 9 picks it up. */
export const conversationMessageQueued = eventType('conversation/message.queued', {
  schema: z.object({ conversation_id: z.uuid(), message_id: z.uuid() }),
});

export const EVENT_TYPES = {
  'kb/article.saved': kbArticleSaved,
  'kb/article.deleted': kbArticleDeleted,
  'kb/file.uploaded': kbFileUploaded,
  'jobs/due-work.scheduled': dueWorkScheduled,
  'auth/password-reset.requested': authPasswordResetRequested,
  'conversation/message.queued': conversationMessageQueued,
} as const;

export type AppEventName = keyof typeof EVENT_TYPES;
export type AppEvents = { [N in AppEventName]: z.infer<(typeof EVENT_TYPES)[N]['schema']> };
export interface AppEvent<N extends AppEventName = AppEventName> {
  name: N;
  data: AppEvents[N];
}

export function isAppEventName(name: string): name is AppEventName {
  return Object.hasOwn(EVENT_TYPES, name);
}

/** Validates a stored payload; throws a ZodError naming the bad field. */
export function parseEventData<N extends AppEventName>(name: N, data: unknown): AppEvents[N] {
  return (EVENT_TYPES[name].schema as unknown as z.ZodType<AppEvents[N]>).parse(data);
}
