import { z } from 'zod';
import { ROLES } from '@/lib/auth/permissions';
import { emailSchema } from '@/lib/auth/schemas';

export const roleSchema = z.enum(ROLES, { error: 'role must be owner, admin, member or viewer' });
export const inviteSchema = z.object({ email: emailSchema, role: roleSchema });
export const changeRoleSchema = z.object({ role: roleSchema });
export const acceptInvitationSchema = z.object({ token: z.string().min(10, 'Invitation token is invalid').max(200) });
export const switchWorkspaceSchema = z.object({ workspace_id: z.uuid('workspace_id must be a UUID') });
