import { userRoute } from '@/lib/api/route';
import { revokeAllUserSessions } from '@/lib/auth/user-sessions';

export const POST = userRoute(async ({ caller }) => revokeAllUserSessions(caller));
