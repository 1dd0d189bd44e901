// Signing up from an invitation link: the form shows the invited e-mail and workspace, and
// the new account joins that workspace instead of getting one of its own. The invitee has
// no account yet, so these lookups run in the auth service's transaction (as sign-up does),
// narrowed to the one invitation whose secret token the visitor holds.
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { withAuthService } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { invitations, workspaces } from '@/lib/db/schema/core';
import { AppError } from '@/lib/api/errors';
import { sha256 } from '@/lib/auth/secret';

export const INVITE_TOKEN = /^[A-Za-z0-9_-]{10,200}$/;

/** The invited e-mail, role and workspace name of a usable invitation, or null. */
export async function previewSignUpInvitation(token: string) {
  if (!INVITE_TOKEN.test(token)) return null;
  const [row] = await withAuthService((tx) =>
    tx
      .select({ email: invitations.email, role: invitations.role, workspace_name: workspaces.name })
      .from(invitations)
      .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
      .where(and(eq(invitations.tokenHash, sha256(token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, sql`now()`))),
  );
  return row ?? null;
}

/**
 * Locks and checks the invitation for a sign-up with `email`, marks it accepted and
 * returns where the new account belongs. Same errors as accepting it when signed in.
 */
export async function claimSignUpInvitation(tx: Tx, token: string, email: string) {
  const [inv] = await tx
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, sha256(token)))
    .for('update');
  if (!inv || inv.acceptedAt || inv.expiresAt <= new Date()) {
    throw new AppError(404, 'invitation_invalid', 'This invitation is invalid, expired or already used');
  }
  if (inv.email.toLowerCase() !== email.toLowerCase()) {
    throw new AppError(403, 'invitation_email_mismatch', 'This invitation was sent to another email; sign up with that email to accept it', {
      fields: [{ field: 'email', message: 'sign up with the invited email', code: 'invitation_email_mismatch' }],
    });
  }
  await tx.update(invitations).set({ acceptedAt: sql`now()` }).where(eq(invitations.id, inv.id));
  const [ws] = await tx.select().from(workspaces).where(eq(workspaces.id, inv.workspaceId));
  return { workspace: ws, role: inv.role };
}
