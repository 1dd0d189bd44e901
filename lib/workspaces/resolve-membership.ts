// Finds which workspace a user acts in: the one asked for, else the last used, else the oldest.
import { asc, eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { memberships, workspaces } from '@/lib/db/schema/core';
import type { Role } from '@/lib/auth/permissions';

export interface MembershipView {
  workspace: typeof workspaces.$inferSelect;
  role: Role;
}

export async function listMemberships(tx: Tx, userId: string): Promise<MembershipView[]> {
  const rows = await tx
    .select({ workspace: workspaces, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
  return rows.map((r) => ({ workspace: r.workspace, role: r.role as Role }));
}

export function pickMembership(
  all: MembershipView[],
  requested: string | null | undefined,
  lastUsed: string | null | undefined,
): MembershipView | undefined {
  if (requested) return all.find((m) => m.workspace.id === requested);
  return all.find((m) => m.workspace.id === lastUsed) ?? all[0];
}

/** The membership whose workspace has this URL slug, if the user has one. */
export function memberOfSlug(all: MembershipView[], slug: string): MembershipView | undefined {
  return all.find((m) => m.workspace.slug === slug);
}
