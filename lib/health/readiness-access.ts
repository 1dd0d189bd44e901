// Who may read readiness details: monitoring with HEALTH_TOKEN (X-Health-Token
// header) or a signed-in owner/admin of some workspace. Everyone else gets the status.
import crypto from 'node:crypto';
import { getEnv } from '@/lib/env';
import { resolveCaller } from '@/lib/auth/resolve-caller';
import type { RequestMeta } from '@/lib/auth/meta';

function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

export async function mayReadReadinessDetails(req: Request, meta: RequestMeta): Promise<boolean> {
  const expected = getEnv().HEALTH_TOKEN;
  const given = req.headers.get('x-health-token');
  if (expected && given && sameSecret(given, expected)) return true;
  try {
    const caller = await resolveCaller(req, meta, { requireWorkspace: false });
    return Boolean(caller?.memberships.some((m) => m.role === 'owner' || m.role === 'admin'));
  } catch {
    // An expired or foreign token is simply anonymous here.
    return false;
  }
}
