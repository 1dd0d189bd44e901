// The "invite" button and dialog; knows on the server whether mail can leave (SMTP_URL).
import { getEnv } from '@/lib/env';
import type { Role } from '@/lib/auth/permissions';
import { InviteDialogClient } from './invite-dialog-client';

export function InviteDialog({ roles }: { roles: Role[] }) {
  return <InviteDialogClient roles={roles} mailEnabled={Boolean(getEnv().SMTP_URL)} />;
}
