// Members of the current workspace, and pending invitations for those who manage the team.
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import { invitations, memberships, users } from '@/lib/db/schema/core';
import { can } from '@/lib/auth/permissions';
import type { WorkspaceCaller } from '@/lib/auth/resolve-caller';

export async function listTeam(caller: WorkspaceCaller) {
  return withActor(caller.actor, async (tx) => {
    const members = await tx
      .select({
        id: memberships.id,
        user_id: users.id,
        email: users.email,
        full_name: users.fullName,
        avatar_url: users.avatarUrl,
        role: memberships.role,
        joined_at: memberships.createdAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, caller.workspace.id))
      .orderBy(asc(memberships.createdAt));
    const pending = can(caller.role, 'team.manage')
      ? await tx
          .select({
            id: invitations.id,
            email: invitations.email,
            role: invitations.role,
            expires_at: invitations.expiresAt,
            created_at: invitations.createdAt,
          })
          .from(invitations)
          .where(
            and(
              eq(invitations.workspaceId, caller.workspace.id),
              isNull(invitations.acceptedAt),
              gt(invitations.expiresAt, sql`now()`),
            ),
          )
          .orderBy(asc(invitations.createdAt))
      : [];
    return { members, invitations: pending };
  });
}
