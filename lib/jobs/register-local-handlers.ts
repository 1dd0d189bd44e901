// Wires each capability's in-process event handlers (used when Inngest is not configured).
// Add one import per capability that handles events.
export async function registerLocalHandlers(): Promise<void> {
  // e.g. await import('@/lib/kb/indexing/register-handlers');
  await import('@/lib/kb/indexing/register-handlers');
  await import('@/lib/auth/register-handlers');
  await import('@/lib/kb/files/register-handlers');
}
