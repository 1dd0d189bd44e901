// Roles map to permissions here and nowhere else; wrappers and UI read this table.
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
  'integrations.read',
  'integrations.write',
  'billing.read',
  'billing.write',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = PERMISSIONS.filter((p) => p.endsWith('.read') && p !== 'audit.read' && p !== 'billing.read');

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(PERMISSIONS),
  // Everything but billing.
  admin: new Set(PERMISSIONS.filter((p) => !p.startsWith('billing.'))),
  // View everything a team sees, edit agents (and what agents are made of: knowledge, conversations).
  member: new Set<Permission>([...READ, 'agents.write', 'kb.write', 'conversations.write']),
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
