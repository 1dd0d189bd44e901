import { publicRoute } from '@/lib/api/route';
import { parseOptionalJson } from '@/lib/api/request';
import { refreshSchema } from '@/lib/auth/schemas';
import { refreshSession } from '@/lib/auth/refresh';
import { readRefreshCookie, setRefreshCookie } from '@/lib/auth/refresh-cookie';

export const POST = publicRoute(async ({ req, meta }) => {
  const body = await parseOptionalJson(req, refreshSchema);
  const { user, tokens } = await refreshSession(body.refresh_token ?? readRefreshCookie(req), meta);
  return setRefreshCookie(Response.json({ user, ...tokens }), req, tokens.refresh_token);
});
