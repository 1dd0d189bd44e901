// Registers this capability's due-work handlers with onDueWork (lib/jobs/due-work/handlers.ts).
// Placeholder of the contract commit; the workstream that owns this folder fills it.
export {};
