import { userRoute } from '@/lib/api/route';
import { listUserSessions } from '@/lib/auth/user-sessions';

export const GET = userRoute(async ({ caller }) => ({ sessions: await listUserSessions(caller) }));
