// Changing roles and removing members; a workspace always keeps at least one owner.
import { and, eq, sql } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { invitations, memberships } from '@/lib/db/schema/core';
import { actorCanAssignRole, type Role } from '@/lib/auth/permissions';
import { conflict, forbidden, notFound } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import { changeRoleSchema } from './schemas';

async function loadMember(tx: Tx, actor: WorkspaceActor, membershipId: string) {
  const [m] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.id, membershipId), eq(memberships.workspaceId, actor.workspaceId)));
  if (!m) throw notFound('Member');
  return m;
}

async function ownerCount(tx: Tx, workspaceId: string): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')));
  return r.n;
}

export async function changeMemberRole(actor: WorkspaceActor, membershipId: string, raw: unknown) {
  const { role } = changeRoleSchema.parse(raw);
  return withActor(actor, async (tx) => {
    const m = await loadMember(tx, actor, membershipId);
    if (!actorCanAssignRole(actor, m.role as Role) || !actorCanAssignRole(actor, role)) {
      throw forbidden('Only an owner can change an owner or make someone an owner');
    }
    if (m.role === 'owner' && role !== 'owner' && (await ownerCount(tx, actor.workspaceId)) <= 1) {
      throw conflict('A workspace needs at least one owner; make someone else an owner first', 'last_owner');
    }
    const [updated] = await tx
      .update(memberships)
      .set({ role, updatedAt: sql`now()` })
      .where(eq(memberships.id, m.id))
      .returning();
    // The row-level policy re-checks the caller's role at the moment of the write: an owner
    // demoted by a concurrent request changes nothing here (not a 500 on an undefined row).
    if (!updated) throw forbidden('Your role cannot change this member');
    await recordAudit(tx, actor, {
      action: 'change_member_role',
      entityType: 'membership',
      entityId: m.id,
      oldValues: { role: m.role },
      newValues: { role },
    });
    return { id: updated.id, user_id: updated.userId, role: updated.role };
  });
}

export async function removeMember(actor: WorkspaceActor, membershipId: string) {
  await withActor(actor, async (tx) => {
    const m = await loadMember(tx, actor, membershipId);
    const leaving = m.userId === actorUserId(actor);
    if (!leaving && !actorCanAssignRole(actor, m.role as Role)) {
      throw forbidden(m.role === 'owner' ? 'Only an owner can remove an owner' : 'Your role cannot remove members');
    }
    if (m.role === 'owner' && (await ownerCount(tx, actor.workspaceId)) <= 1) {
      throw conflict('A workspace needs at least one owner; make someone else an owner first', 'last_owner');
    }
    // The audit row first: once someone has left, RLS no longer lets them write
    // into that workspace (that refusal made leaving answer 403).
    await recordAudit(tx, actor, {
      action: leaving ? 'leave_workspace' : 'remove_member',
      entityType: 'membership',
      entityId: m.id,
      oldValues: { user_id: m.userId, role: m.role },
    });
    // A trigger (memberships_keep_one_owner) refuses the last owner even when two
    // requests race past the count above; toAppError maps it to 409 last_owner.
    await tx.delete(memberships).where(eq(memberships.id, m.id));
  });
}

export async function revokeInvitation(actor: WorkspaceActor, invitationId: string) {
  await withActor(actor, async (tx) => {
    const [row] = await tx
      .delete(invitations)
      .where(and(eq(invitations.id, invitationId), eq(invitations.workspaceId, actor.workspaceId)))
      .returning();
    if (!row) throw notFound('Invitation');
    await recordAudit(tx, actor, {
      action: 'revoke_invitation',
      entityType: 'invitation',
      entityId: row.id,
      oldValues: { email: row.email, role: row.role },
    });
  });
}
