// Wires each capability's due-work handlers (reply after delay, auto-resume, chain steps).
// Both engines call this before running an item. Add one import per capability.
export async function registerDueHandlers(): Promise<void> {
  // e.g. await import('@/lib/runtime/register-due-handlers');
}
