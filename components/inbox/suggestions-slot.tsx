'use client';
// Where H's AI reply suggestions sit in the thread ("Edit" puts the text into the reply box).
import { SuggestionsPanel } from './suggestions-panel';

export function SuggestionsSlot(props: { conversationId: string; canWrite: boolean; onEdit: (text: string) => void }) {
  return <SuggestionsPanel {...props} className="mx-2 mb-2 max-h-48 shrink-0 overflow-y-auto p-2.5" />;
}
