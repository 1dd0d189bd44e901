'use client';
import { useTranslations } from 'next-intl';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { MailIcon, XIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { useWorkspaceAction } from '@/components/dashboard/workspace-context';
import { revokeInvitationAction } from '@/app/(dashboard)/w/[slug]/team/actions';
import { useTeamMutation } from './use-team-mutation';
import type { InvitationRow } from './types';

function Invitation({ invitation }: { invitation: InvitationRow }) {
  const t = useTranslations('team.invitations');
  const roleName = useTranslations('common.roles');
  const time = useTimeFormat();
  const { run, pending } = useTeamMutation();
  const revokeInvitation = useWorkspaceAction(revokeInvitationAction);
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-2 px-6 py-3.5" data-testid="invitation-row" data-email={invitation.email}>
      <span className="flex size-9 shrink-0 items-center justify-center rounded-full border border-dashed text-muted-foreground">
        <MailIcon className="size-4" aria-hidden />
      </span>
      <div className="min-w-0 flex-1">
        <div className="truncate font-medium">{invitation.email}</div>
        <div className="text-sm text-muted-foreground">
          {t('expires', { date: time.date(invitation.expiresAt) })}
        </div>
      </div>
      <Badge variant="secondary">{roleName(invitation.role)}</Badge>
      <Button
        variant="ghost"
        size="sm"
        disabled={pending}
        className="text-muted-foreground hover:text-destructive"
        onClick={() => void run(() => revokeInvitation({ invitation_id: invitation.id }), t('revoked', { email: invitation.email }))}
        data-testid="invitation-revoke"
      >
        <XIcon aria-hidden />
        {t('revoke')}
      </Button>
    </li>
  );
}

export function InvitationsList({ invitations }: { invitations: InvitationRow[] }) {
  const t = useTranslations('team.invitations');
  if (!invitations.length) {
    return <p className="px-6 pb-2 text-sm text-muted-foreground" data-testid="invitations-empty">{t('empty')}</p>;
  }
  return (
    <ul className="divide-y border-t text-sm" data-testid="invitations-list">
      {invitations.map((i) => (
        <Invitation key={i.id} invitation={i} />
      ))}
    </ul>
  );
}
