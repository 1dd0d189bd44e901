'use client';
// Per-row controls: the role select, and removing (or leaving) with a confirmation.
import { useTranslations } from 'next-intl';
import { LogOutIcon, UserMinusIcon } from 'lucide-react';
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip';
import { Button } from '@/components/ui/button';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/components/ui/alert-dialog';
import type { Role } from '@/lib/auth/permissions';
import {
  changeMemberRoleAction,
  leaveWorkspaceAction,
  removeMemberAction,
} from '@/app/(dashboard)/w/[slug]/team/actions';
import { useWorkspaceAction } from '@/components/dashboard/workspace-context';
import { useTeamMutation } from './use-team-mutation';
import type { MemberRow } from './types';

export function MemberRoleSelect({ member, roles }: { member: MemberRow; roles: Role[] }) {
  const t = useTranslations('team');
  const roleName = useTranslations('common.roles');
  const { run, pending } = useTeamMutation();
  const changeMemberRole = useWorkspaceAction(changeMemberRoleAction);
  return (
    <Select
      value={member.role}
      disabled={pending}
      onValueChange={(role) =>
        void run(
          () => changeMemberRole({ membership_id: member.id, role }),
          t('members.roleChanged', { name: member.name, role: roleName(role) }),
        )
      }
    >
      <SelectTrigger size="sm" className="w-40" aria-label={t('members.changeRole', { name: member.name })} data-testid="member-role-select">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {roles.map((r) => (
          <SelectItem key={r} value={r}>
            {roleName(r)}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

/** The last owner cannot leave (the API answers 409 last_owner): a disabled button that says why. */
function SoleOwnerLeave() {
  const t = useTranslations('team');
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        {/* A disabled button gets no pointer events; the wrapper carries the tooltip and focus. */}
        <span tabIndex={0} className="inline-flex rounded-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50" data-testid="leave-blocked">
          <Button variant="outline" size="sm" disabled aria-describedby="sole-owner-hint" data-testid="leave-workspace">
            <LogOutIcon aria-hidden />
            <span className="hidden sm:inline">{t('leave.button')}</span>
          </Button>
        </span>
      </TooltipTrigger>
      <TooltipContent id="sole-owner-hint" data-testid="leave-blocked-hint">
        {t('soleOwnerLeave')}
      </TooltipContent>
    </Tooltip>
  );
}

export function RemoveMemberButton({ member, workspaceName, soleOwner = false }: { member: MemberRow; workspaceName: string; soleOwner?: boolean }) {
  const t = useTranslations('team');
  const common = useTranslations('common.actions');
  const { run, pending } = useTeamMutation();
  const leaving = member.isSelf;
  const leaveWorkspace = useWorkspaceAction(leaveWorkspaceAction);
  const removeMember = useWorkspaceAction(removeMemberAction);
  if (leaving && soleOwner) return <SoleOwnerLeave />;

  const confirm = () =>
    leaving
      ? void run(() => leaveWorkspace(undefined), t('leave.done', { workspace: workspaceName }), () => window.location.assign('/dashboard'))
      : void run(() => removeMember({ membership_id: member.id }), t('remove.done', { name: member.name }));

  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        {leaving ? (
          <Button variant="outline" size="sm" disabled={pending} aria-label={t('leave.button')} data-testid="leave-workspace">
            <LogOutIcon aria-hidden />
            <span className="hidden sm:inline">{t('leave.button')}</span>
          </Button>
        ) : (
          <Button
            variant="ghost"
            size="icon"
            className="size-8 text-muted-foreground hover:bg-destructive/10 hover:text-destructive"
            disabled={pending}
            aria-label={t('remove.button', { name: member.name })}
            title={t('remove.button', { name: member.name })}
            data-testid="member-remove"
          >
            <UserMinusIcon aria-hidden />
          </Button>
        )}
      </AlertDialogTrigger>
      <AlertDialogContent data-testid="remove-member-dialog">
        <AlertDialogHeader>
          <AlertDialogTitle>{leaving ? t('leave.title', { workspace: workspaceName }) : t('remove.title', { name: member.name })}</AlertDialogTitle>
          <AlertDialogDescription>
            {leaving ? t('leave.description') : t('remove.description', { email: member.email, workspace: workspaceName })}
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>{common('cancel')}</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={confirm} data-testid="confirm-remove">
            {leaving ? t('leave.confirm') : t('remove.confirm')}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
