// Without Inngest, a requested password reset is handled in-process by the same lib
// call the Inngest function makes (inngest/functions/send-password-reset.ts).
import { onLocalEvent } from '@/lib/jobs/local-handlers';

const g = globalThis as Record<string, unknown>;

// Dev reloads may evaluate this module again; one handler per process is enough.
if (!g.__salesagentAuthHandlers) {
  g.__salesagentAuthHandlers = true;
  onLocalEvent('auth/password-reset.requested', async (event) => {
    const { sendPasswordResetLink } = await import('./password-reset');
    await sendPasswordResetLink(event.data.email);
  });
}
