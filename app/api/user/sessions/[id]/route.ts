import { userRoute } from '@/lib/api/route';
import { uuidParam } from '@/lib/api/params';
import { revokeUserSession } from '@/lib/auth/user-sessions';

export const DELETE = userRoute<{ id: string }>(async ({ params, caller }) => {
  await revokeUserSession(caller, uuidParam(params.id, 'Session'));
  return null;
});
