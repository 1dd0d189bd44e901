// Joining a workspace from an invitation link (the invited email only).
import { sql } from 'drizzle-orm';
import { queryRows, withActor, type UserActor } from '@/lib/db/actor';
import { AppError } from '@/lib/api/errors';
import { sha256 } from '@/lib/auth/secret';
import { recordAudit } from '@/lib/audit/record-audit';
import { acceptInvitationSchema } from './schemas';

export async function previewInvitation(actor: UserActor, token: string) {
  const rows = await withActor(actor, (tx) =>
    queryRows<{ workspace_id: string; workspace_name: string; email: string; role: string; expired: boolean; accepted: boolean }>(
      tx,
      sql`select * from app.invitation_preview(${sha256(token)})`,
    ),
  );
  return rows[0] ?? null;
}

export async function acceptInvitation(actor: UserActor, raw: unknown) {
  const { token } = acceptInvitationSchema.parse(raw);
  try {
    return await withActor({ ...actor, workspaceId: undefined, role: undefined }, async (tx) => {
      const [row] = await queryRows<{ workspace_id: string; role: string }>(
        tx,
        sql`select * from app.accept_invitation(${sha256(token)})`,
      );
      await recordAudit(tx, { ...actor, workspaceId: row.workspace_id }, {
        action: 'join_workspace',
        entityType: 'membership',
        entityId: actor.userId,
        newValues: { role: row.role },
      });
      return row;
    });
  } catch (err) {
    const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    if (code === 'P0002') throw new AppError(404, 'invitation_invalid', 'This invitation is invalid, expired or already used');
    if (code === '42501') {
      throw new AppError(403, 'invitation_email_mismatch', 'This invitation was sent to another email; log in with that email to accept it');
    }
    throw err;
  }
}
