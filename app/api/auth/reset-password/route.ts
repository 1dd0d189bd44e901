import { publicRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { resetPasswordSchema } from '@/lib/auth/schemas';
import { resetPassword } from '@/lib/auth/password-reset';

export const POST = publicRoute(async ({ req, meta }) => {
  await resetPassword(await parseJson(req, resetPasswordSchema), meta);
  return { success: true };
});
