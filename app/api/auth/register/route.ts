import { publicRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { registerSchema } from '@/lib/auth/schemas';
import { registerUser } from '@/lib/auth/register';
import { setRefreshCookie } from '@/lib/auth/refresh-cookie';

export const POST = publicRoute(async ({ req, meta }) => {
  const { user, tokens } = await registerUser(await parseJson(req, registerSchema), meta);
  const res = Response.json({ user, ...tokens }, { status: 201 });
  return setRefreshCookie(res, req, tokens!.refresh_token);
});
