// Invites someone by email with a role; the link in the mail lets them join. Without SMTP
// no mail leaves: the inviter (an owner or admin) gets the link in the answer to pass on.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import { invitations, memberships, users } from '@/lib/db/schema/core';
import { can, canAssignRole } from '@/lib/auth/permissions';
import { conflict, forbidden } from '@/lib/api/errors';
import { randomToken, sha256 } from '@/lib/auth/secret';
import { recordAudit } from '@/lib/audit/record-audit';
import { sendMail } from '@/lib/mail/send-mail';
import { appUrl, getEnv } from '@/lib/env';
import { translatorFor } from '@/lib/i18n/translator';
import type { WorkspaceCaller } from '@/lib/auth/resolve-caller';
import { inviteSchema } from './schemas';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export async function inviteMember(caller: WorkspaceCaller, raw: unknown) {
  const input = inviteSchema.parse(raw);
  if (!canAssignRole(caller.role, input.role)) {
    throw forbidden(input.role === 'owner' ? 'Only an owner can invite another owner' : 'Your role cannot invite members');
  }
  const token = randomToken(32);
  const invitation = await withActor(caller.actor, async (tx) => {
    const existing = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, caller.workspace.id), sql`lower(${users.email}) = ${input.email}`));
    if (existing.length) throw conflict('This person is already a member of the workspace', 'already_member');
    // A new invitation replaces a pending one for the same email.
    await tx
      .delete(invitations)
      .where(
        and(
          eq(invitations.workspaceId, caller.workspace.id),
          sql`lower(${invitations.email}) = ${input.email}`,
          isNull(invitations.acceptedAt),
        ),
      );
    const [row] = await tx
      .insert(invitations)
      .values({
        workspaceId: caller.workspace.id,
        email: input.email,
        role: input.role,
        tokenHash: sha256(token),
        invitedBy: caller.user.id,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      })
      .returning();
    await recordAudit(tx, caller.actor, {
      action: 'invite_member',
      entityType: 'invitation',
      entityId: row.id,
      newValues: { email: row.email, role: row.role },
    });
    return row;
  });
  const env = getEnv();
  const link = `${appUrl()}/invite/${token}`;
  const mailOn = Boolean(env.SMTP_URL);
  // Without SMTP the mail would only be logged: fine while developing, but a production
  // log must never hold a working invitation link.
  if (mailOn || env.NODE_ENV !== 'production') {
    const t = translatorFor(caller.user.locale);
    await sendMail({
      to: input.email,
      subject: t('mail.invite.subject', { workspace: caller.workspace.name }),
      text: t('mail.invite.body', {
        inviter: caller.user.fullName ?? caller.user.email,
        workspace: caller.workspace.name,
        role: t(`mail.roles.${input.role}`),
        link,
      }),
    });
  }
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    expires_at: invitation.expiresAt.toISOString(),
    created_at: invitation.createdAt.toISOString(),
    /** 'email' when a mail went out; 'none' when mail is off and the link must be passed on by hand. */
    delivery: mailOn ? ('email' as const) : ('none' as const),
    /** Only when mail is off, and only to those who manage the team. */
    ...(!mailOn && can(caller.role, 'team.manage') ? { accept_url: link } : {}),
  };
}
