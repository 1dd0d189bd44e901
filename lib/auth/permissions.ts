// Roles map to permissions here and nowhere else; wrappers and UI read this table.
import { AppError } from '@/lib/api/errors';
export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'workspace.read',
  'workspace.update',
  'settings.write',
  'team.read',
  'team.manage',
  'agents.read',
  'agents.write',
  'kb.read',
  'kb.write',
  'conversations.read',
  'conversations.write',
  'crm.read',
  'crm.write',
  'crm.admin',
  'integrations.read',
  'integrations.write',
  'billing.read',
  'billing.write',
  'audit.read',
  // A workspace's own AI provider keys (issue 8): owners and admins.
  'ai.keys',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = PERMISSIONS.filter((p) => p.endsWith('.read') && p !== 'audit.read' && p !== 'billing.read');
// crm.admin: deleting clients, conversations, pipelines, stages and fields, and merging clients.

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(PERMISSIONS),
  // Everything but billing.
  admin: new Set(PERMISSIONS.filter((p) => !p.startsWith('billing.'))),
  // View everything a team sees, edit agents (and what agents are made of: knowledge, conversations).
  member: new Set<Permission>([...READ, 'agents.write', 'kb.write', 'conversations.write', 'crm.write']),
  viewer: new Set<Permission>(READ),
};

export function can(role: Role | undefined | null, permission: Permission): boolean {
  return !!role && ROLE_PERMISSIONS[role].has(permission);
}

/** Which roles an actor may hand out or take away: only an owner touches owners. */
export function canAssignRole(actorRole: Role, target: Role): boolean {
  if (!can(actorRole, 'team.manage')) return false;
  return target !== 'owner' || actorRole === 'owner';
}

/**
 * System actors (webhooks, jobs, the agent runtime) work inside one workspace on
 * its agents, knowledge, conversations and integrations; they never manage the
 * team, billing or workspace settings. A name listed here gets exactly its set.
 */
const SYSTEM_DEFAULT = new Set<Permission>([...READ, 'agents.write', 'kb.write', 'conversations.write', 'crm.write', 'integrations.write']);
export const SYSTEM_PERMISSIONS: Record<string, ReadonlySet<Permission>> = {
  billing: new Set<Permission>(['workspace.read', 'billing.read', 'billing.write']),
};

interface PermissionSubject {
  kind: 'user' | 'system';
  role?: Role;
  name?: string;
}

/** The one permission check for actors: a member by role, a system actor by its name. */
export function actorCan(actor: PermissionSubject, permission: Permission): boolean {
  if (actor.kind === 'system') return (SYSTEM_PERMISSIONS[actor.name ?? ''] ?? SYSTEM_DEFAULT).has(permission);
  return can(actor.role, permission);
}

export function assertCan(actor: PermissionSubject, permission: Permission): void {
  if (actorCan(actor, permission)) return;
  const who = actor.kind === 'system' ? `The system actor ${actor.name}` : `Your role (${actor.role ?? 'none'})`;
  throw new AppError(403, 'forbidden', `${who} does not allow this (needs ${permission})`);
}

/** canAssignRole for any actor: system actors never hand out roles. */
export function actorCanAssignRole(actor: PermissionSubject, target: Role): boolean {
  return actor.kind === 'user' && !!actor.role && canAssignRole(actor.role, target);
}
