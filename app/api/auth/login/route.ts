import { publicRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { loginSchema } from '@/lib/auth/schemas';
import { loginUser } from '@/lib/auth/login';
import { setRefreshCookie } from '@/lib/auth/refresh-cookie';

export const POST = publicRoute(async ({ req, meta }) => {
  const { user, tokens } = await loginUser(await parseJson(req, loginSchema), meta);
  return setRefreshCookie(Response.json({ user, ...tokens }), req, tokens.refresh_token);
});
