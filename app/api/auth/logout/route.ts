import { publicRoute } from '@/lib/api/route';
import { parseOptionalJson } from '@/lib/api/request';
import { refreshSchema } from '@/lib/auth/schemas';
import { logoutSession } from '@/lib/auth/logout';
import { clearRefreshCookie, readRefreshCookie } from '@/lib/auth/refresh-cookie';

export const POST = publicRoute(async ({ req, meta }) => {
  const body = await parseOptionalJson(req, refreshSchema);
  await logoutSession(body.refresh_token ?? readRefreshCookie(req), meta);
  return clearRefreshCookie(Response.json({ success: true }));
});
