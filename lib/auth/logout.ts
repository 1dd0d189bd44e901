// Logout revokes the refresh token's whole family (this login on this device).
import { revokeRefreshFamily } from './refresh-tokens';
import type { RequestMeta } from './meta';
import { logger } from '@/lib/log/logger';

export async function logoutSession(refreshToken: string | undefined | null, _meta: RequestMeta): Promise<void> {
  if (!refreshToken) return;
  const revoked = await revokeRefreshFamily(refreshToken);
  if (revoked) logger.info('session logged out');
}
