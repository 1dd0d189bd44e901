// Wires each capability's due-work handlers (reply after delay, auto-resume, chain steps).
// Both engines call this before running an item. Add one import per capability.
export async function registerDueHandlers(): Promise<void> {
  await import('@/lib/chains/start-due-handler');
  await import('@/lib/channels/inbound/due-handlers');
  await import('@/lib/channels/owner/due-handlers');
  await import('@/lib/chains/due-handlers');
}
