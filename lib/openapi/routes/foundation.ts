// Auth, user, team, audit and health routes.
import { z } from 'zod';
import { defineRoute } from '../registry';
import { forgotPasswordSchema, loginSchema, refreshSchema, registerSchema, resetPasswordSchema } from '@/lib/auth/schemas';
import { updateProfileSchema, updateSettingsSchema } from '@/lib/users/schemas';
import { acceptInvitationSchema, changeRoleSchema, inviteSchema, switchWorkspaceSchema } from '@/lib/team/schemas';
import { auditQuerySchema } from '@/lib/audit/list-audit';

const user = z.object({
  id: z.uuid(),
  email: z.email(),
  full_name: z.string().nullable(),
  avatar_url: z.string().nullable(),
  theme: z.enum(['light', 'dark', 'system']),
  locale: z.enum(['ru', 'en', 'kk']),
  company_name: z.string().nullable(),
  subscription_plan: z.string().nullable(),
  trial_ends_at: z.string().nullable(),
  ai_responses_used: z.number().nullable(),
  ai_responses_limit: z.number().nullable(),
  stop_on_human_reply: z.boolean().nullable(),
  auto_resume_after: z.number().nullable(),
  auto_resume_unit: z.string().nullable(),
  workspace: z.object({ id: z.uuid(), name: z.string(), role: z.string().nullable() }).nullable(),
});
const session = z.object({
  user,
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number(),
  refresh_token: z.string(),
  refresh_token_expires_at: z.string(),
});

defineRoute({ method: 'post', path: '/api/auth/register', tag: 'Auth', summary: 'Create an account and its workspace (trial plan)', body: registerSchema, status: 201, response: session });
defineRoute({ method: 'post', path: '/api/auth/login', tag: 'Auth', summary: 'Log in with email and password', body: loginSchema, response: session });
defineRoute({ method: 'post', path: '/api/auth/refresh', tag: 'Auth', summary: 'Exchange a refresh token (body or cookie) for a new pair (a repeat within 10 s gets the same successor)', body: refreshSchema, response: session });
defineRoute({ method: 'post', path: '/api/auth/logout', tag: 'Auth', summary: 'Revoke the refresh token family', body: refreshSchema });
defineRoute({ method: 'post', path: '/api/auth/forgot-password', tag: 'Auth', summary: 'Send a reset link (same answer for unknown emails)', body: forgotPasswordSchema, status: 202 });
defineRoute({ method: 'post', path: '/api/auth/reset-password', tag: 'Auth', summary: 'Set a new password with a reset token', body: resetPasswordSchema });

defineRoute({ method: 'get', path: '/api/user/profile', tag: 'User', summary: 'The caller’s profile and workspaces', auth: true, response: z.object({ user }) });
defineRoute({ method: 'patch', path: '/api/user/profile', tag: 'User', summary: 'Update name, company, theme, locale', auth: true, body: updateProfileSchema, response: z.object({ user }) });
defineRoute({ method: 'patch', path: '/api/user/settings', tag: 'User', summary: 'Update theme, locale and agent-management settings', auth: true, body: updateSettingsSchema, response: z.object({ user }) });
defineRoute({ method: 'post', path: '/api/user/avatar', tag: 'User', summary: 'Upload an avatar (PNG, JPEG, WebP, GIF)', auth: true, multipart: { avatar: 'file' }, response: z.object({ user }) });
defineRoute({ method: 'get', path: '/api/files/:key', tag: 'User', summary: 'Download a stored file the caller may see', auth: true, params: { key: 'string' } });

defineRoute({ method: 'get', path: '/api/workspaces', tag: 'Team', summary: 'The caller’s workspaces', auth: true });
defineRoute({ method: 'post', path: '/api/workspaces/switch', tag: 'Team', summary: 'Make another workspace the current one', auth: true, body: switchWorkspaceSchema });
defineRoute({ method: 'get', path: '/api/team', tag: 'Team', summary: 'Members and pending invitations', permission: 'team.read' });
defineRoute({ method: 'post', path: '/api/team/invitations', tag: 'Team', summary: 'Invite someone by email with a role', permission: 'team.manage', body: inviteSchema, status: 201 });
defineRoute({ method: 'delete', path: '/api/team/invitations/:id', tag: 'Team', summary: 'Revoke an invitation', permission: 'team.manage', params: { id: 'uuid' }, status: 204 });
defineRoute({ method: 'patch', path: '/api/team/members/:id', tag: 'Team', summary: 'Change a member’s role', permission: 'team.manage', params: { id: 'uuid' }, body: changeRoleSchema });
defineRoute({ method: 'delete', path: '/api/team/members/:id', tag: 'Team', summary: 'Remove a member (or leave)', permission: 'team.read', params: { id: 'uuid' }, status: 204 });
defineRoute({ method: 'post', path: '/api/invitations/accept', tag: 'Team', summary: 'Accept an invitation sent to the caller’s email', auth: true, body: acceptInvitationSchema });
defineRoute({ method: 'get', path: '/api/audit-log', tag: 'Audit', summary: 'The workspace’s audit trail', permission: 'audit.read', query: auditQuerySchema });

defineRoute({ method: 'get', path: '/api/health', tag: 'Health', summary: 'Liveness and version' });
defineRoute({ method: 'get', path: '/api/health/ready', tag: 'Health', summary: 'Readiness status; database, migrations and configured services only for an owner/admin session or the X-Health-Token header (HEALTH_TOKEN)' });
