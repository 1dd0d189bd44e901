// Invites someone by email with a role; the link in the mail lets them join.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import { invitations, memberships, users } from '@/lib/db/schema/core';
import { canAssignRole } from '@/lib/auth/permissions';
import { conflict, forbidden } from '@/lib/api/errors';
import { randomToken, sha256 } from '@/lib/auth/secret';
import { recordAudit } from '@/lib/audit/record-audit';
import { mailMode, sendMail } from '@/lib/mail/send-mail';
import { appUrl } from '@/lib/env';
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
  const t = translatorFor(caller.user.locale);
  const link = `${appUrl()}/invite/${token}`;
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
  // Without mail (production, no SMTP) the inviter passes the link on themselves;
  // it goes to them only, never to the log.
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    expires_at: invitation.expiresAt.toISOString(),
    created_at: invitation.createdAt.toISOString(),
    ...(mailMode() === 'off' ? { invite_url: link } : {}),
  };
}
