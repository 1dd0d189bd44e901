// Joining a workspace from an invitation link (the invited email only).
import { sql } from 'drizzle-orm';
import { queryRows, withActor } from '@/lib/db/actor';
import { AppError } from '@/lib/api/errors';
import { sha256 } from '@/lib/auth/secret';
import type { Caller } from '@/lib/auth/resolve-caller';
import { recordAudit } from '@/lib/audit/record-audit';
import { acceptInvitationSchema } from './schemas';

export async function previewInvitation(caller: Caller, token: string) {
  const rows = await withActor(caller.actor, (tx) =>
    queryRows<{ workspace_id: string; workspace_name: string; email: string; role: string; expired: boolean; accepted: boolean }>(
      tx,
      sql`select * from app.invitation_preview(${sha256(token)})`,
    ),
  );
  return rows[0] ?? null;
}

export async function acceptInvitation(caller: Caller, raw: unknown) {
  const { token } = acceptInvitationSchema.parse(raw);
  try {
    return await withActor({ ...caller.actor, workspaceId: undefined }, async (tx) => {
      const [row] = await queryRows<{ workspace_id: string; role: string }>(
        tx,
        sql`select * from app.accept_invitation(${sha256(token)})`,
      );
      await recordAudit(tx, { ...caller.actor, workspaceId: row.workspace_id }, {
        action: 'join_workspace',
        entityType: 'membership',
        entityId: caller.user.id,
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
