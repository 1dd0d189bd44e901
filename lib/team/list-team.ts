// Members of the current workspace, and pending invitations for those who manage the team.
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import { invitations, memberships, users } from '@/lib/db/schema/core';
import { actorCan } from '@/lib/auth/permissions';
import type { WorkspaceActor } from '@/lib/db/actor';

export async function listTeam(actor: WorkspaceActor) {
  return withActor(actor, async (tx) => {
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
      .where(eq(memberships.workspaceId, actor.workspaceId))
      .orderBy(asc(memberships.createdAt));
    const pending = actorCan(actor, 'team.manage')
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
              eq(invitations.workspaceId, actor.workspaceId),
              isNull(invitations.acceptedAt),
              gt(invitations.expiresAt, sql`now()`),
            ),
          )
          .orderBy(asc(invitations.createdAt))
      : [];
    return { members, invitations: pending };
  });
}
