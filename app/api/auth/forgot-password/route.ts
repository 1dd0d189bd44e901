import { publicRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { forgotPasswordSchema } from '@/lib/auth/schemas';
import { requestPasswordReset } from '@/lib/auth/password-reset';

export const POST = publicRoute(async ({ req, meta }) => {
  await requestPasswordReset(await parseJson(req, forgotPasswordSchema), meta);
  // The same answer whether or not the account exists.
  return { success: true, message: 'If an account with this email exists, a reset link has been sent.' };
}, { status: 202 });
