'use client';
// Where H's AI reply suggestions (components/inbox/suggestions-panel.tsx) sit in the thread.
// Until that panel lands this renders nothing; then this file imports it.
export function SuggestionsSlot(props: { conversationId: string; canWrite: boolean }) {
  void props;
  return null;
}
