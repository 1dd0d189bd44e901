// The caller's dashboard sessions: list, sign one out, sign out everywhere.
import { z } from 'zod';
import { defineRoute } from '../registry';

const session = z.object({
  id: z.uuid(),
  user_agent: z.string().nullable(),
  ip_address: z.string().nullable(),
  created_at: z.string(),
  last_seen_at: z.string(),
  expires_at: z.string(),
  current: z.boolean().meta({ description: 'The session of the cookie this request came with' }),
});

defineRoute({ method: 'get', path: '/api/user/sessions', tag: 'User', summary: 'Active dashboard sessions of the caller', auth: true, response: z.object({ sessions: z.array(session) }) });
defineRoute({ method: 'delete', path: '/api/user/sessions/:id', tag: 'User', summary: 'Sign one session out (its cookie is refused from now on)', auth: true, params: { id: 'uuid' }, status: 204 });
defineRoute({ method: 'post', path: '/api/user/sessions/revoke-all', tag: 'User', summary: 'Sign out everywhere: every dashboard session and every refresh token', auth: true, response: z.object({ revoked: z.number().int() }) });
