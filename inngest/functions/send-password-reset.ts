// Mails a reset link for a requested password reset (the request itself only wrote
// the event, so it takes the same time whether or not the account exists).
import { z } from 'zod';
import { inngest } from '@/lib/jobs/inngest-client';
import { sendPasswordResetLink } from '@/lib/auth/password-reset';

const payload = z.object({ email: z.email() });

export const sendPasswordReset = inngest.createFunction(
  {
    id: 'auth-send-password-reset',
    name: 'Auth: mail a password reset link',
    triggers: [{ event: 'auth/password-reset.requested' }],
    retries: 3,
  },
  async ({ event, step }) => {
    const { email } = payload.parse(event.data);
    return step.run('send-reset-link', () => sendPasswordResetLink(email));
  },
);
