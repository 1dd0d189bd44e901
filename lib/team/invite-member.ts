// Invites someone by email with a role; the link in the mail lets them join. Without SMTP
// no mail leaves: the inviter (an owner or admin) gets the link in the answer to pass on.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterCommit, withActor } from '@/lib/db/actor';
import { invitations, memberships, users } from '@/lib/db/schema/core';
import { actorCanAssignRole, can } from '@/lib/auth/permissions';
import { loadWorkspace } from '@/lib/workspaces/load-workspace';
import { conflict, forbidden } from '@/lib/api/errors';
import { randomToken, sha256 } from '@/lib/auth/secret';
import { recordAudit } from '@/lib/audit/record-audit';
import { mailMode, sendMail } from '@/lib/mail/send-mail';
import { appUrl } from '@/lib/env';
import { translatorFor } from '@/lib/i18n/translator';
import { actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import { inviteSchema } from './schemas';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export async function inviteMember(actor: WorkspaceActor, raw: unknown) {
  const input = inviteSchema.parse(raw);
  if (actor.kind !== 'user' || !actorCanAssignRole(actor, input.role)) {
    throw forbidden(input.role === 'owner' ? 'Only an owner can invite another owner' : 'Your role cannot invite members');
  }
  const token = randomToken(32);
  const link = `${appUrl()}/invite/${token}`;
  const mailOn = mailMode() === 'smtp';
  const invitation = await withActor(actor, async (tx) => {
    const existing = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, actor.workspaceId), sql`lower(${users.email}) = ${input.email}`));
    if (existing.length) throw conflict('This person is already a member of the workspace', 'already_member');
    // A new invitation replaces a pending one for the same email.
    await tx
      .delete(invitations)
      .where(
        and(
          eq(invitations.workspaceId, actor.workspaceId),
          sql`lower(${invitations.email}) = ${input.email}`,
          isNull(invitations.acceptedAt),
        ),
      );
    const [row] = await tx
      .insert(invitations)
      .values({
        workspaceId: actor.workspaceId,
        email: input.email,
        role: input.role,
        tokenHash: sha256(token),
        invitedBy: actorUserId(actor),
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'invite_member',
      entityType: 'invitation',
      entityId: row.id,
      newValues: { email: row.email, role: row.role },
    });
    const workspace = await loadWorkspace(tx, actor.workspaceId);
    const [inviter] = await tx.select().from(users).where(eq(users.id, actor.userId));
    const t = translatorFor(inviter.locale);
    // The link goes out only once the invitation exists for good.
    await afterCommit(() =>
      sendMail({
        to: input.email,
        subject: t('mail.invite.subject', { workspace: workspace.name }),
        text: t('mail.invite.body', {
          inviter: inviter.fullName ?? inviter.email,
          workspace: workspace.name,
          role: t(`mail.roles.${input.role}`),
          link,
        }),
      }),
    );
    return row;
  });
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    expires_at: invitation.expiresAt.toISOString(),
    created_at: invitation.createdAt.toISOString(),
    /** 'email' when a mail went out; 'none' when there is no SMTP and the link must be passed on by hand. */
    delivery: mailOn ? ('email' as const) : ('none' as const),
    /** Only without SMTP, and only to those who manage the team; never logged in production. */
    ...(!mailOn && can(actor.role, 'team.manage') ? { accept_url: link } : {}),
  };
}
