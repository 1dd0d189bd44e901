// Issues the access + refresh token pair returned by register, login and refresh.
import type { Tx } from '@/lib/db/client';
import { signAccessToken, ACCESS_TOKEN_TTL_SECONDS } from './access-token';
import { createRefreshToken } from './refresh-tokens';
import type { RequestMeta } from './meta';

export interface TokenPair {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_at: string;
}

export async function issueTokenPair(
  tx: Tx,
  user: { id: string; email: string },
  plan: string,
  meta: RequestMeta,
  familyId?: string,
): Promise<TokenPair> {
  const refresh = await createRefreshToken(tx, user.id, meta, familyId);
  return {
    access_token: await signAccessToken({ user_id: user.id, email: user.email, subscription_plan: plan }),
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    refresh_token: refresh.token,
    refresh_token_expires_at: refresh.expiresAt.toISOString(),
  };
}
