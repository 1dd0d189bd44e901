// The events background work reacts to; names and payloads in one place.
export interface AppEvents {
  'kb/article.saved': { workspace_id: string; article_id: number };
  'kb/article.deleted': { workspace_id: string; article_id: number };
  'kb/file.uploaded': { workspace_id: string; article_id: number; file_id: string };
}
export type AppEventName = keyof AppEvents;
export interface AppEvent<N extends AppEventName = AppEventName> {
  name: N;
  data: AppEvents[N];
}
