'use client';
import { useTranslations } from 'next-intl';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { UserAvatar } from '@/components/dashboard/user-avatar';
import type { Role } from '@/lib/auth/permissions';
import { MemberRoleSelect, RemoveMemberButton } from './member-actions';
import type { MemberRow } from './types';

export function MembersTable({
  members,
  assignableRoles,
  workspaceName,
}: {
  members: MemberRow[];
  assignableRoles: Role[];
  workspaceName: string;
}) {
  const t = useTranslations('team.members');
  const roleName = useTranslations('common.roles');
  const time = useTimeFormat();
  // The API refuses to let the last owner leave: the button says why instead of failing.
  const owners = members.filter((m) => m.role === 'owner').length;
  return (
    <Table data-testid="members-table" className="block sm:table">
      {/* Phones: each row becomes a card (who on top, role and actions below), nothing off screen. */}
      <TableHeader className="hidden sm:table-header-group">
        <TableRow className="hover:bg-transparent">
          <TableHead className="pl-4 sm:pl-6">{t('columns.member')}</TableHead>
          <TableHead>{t('columns.role')}</TableHead>
          <TableHead className="hidden md:table-cell">{t('columns.joined')}</TableHead>
          <TableHead className="pr-4 text-right sm:pr-6">
            <span className="sr-only">{t('columns.actions')}</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody className="block sm:table-row-group">
        {members.map((m) => (
          <TableRow key={m.id} data-testid="member-row" data-email={m.email} className="flex flex-wrap items-center gap-y-1 py-2 sm:table-row sm:py-0">
            <TableCell className="w-full py-1.5 pl-4 sm:w-auto sm:py-3 sm:pl-6">
              <div className="flex items-center gap-3">
                <UserAvatar name={m.name} src={m.avatarUrl} className="size-9" />
                <div className="min-w-0 flex-1 sm:max-w-sm sm:flex-none lg:max-w-lg">
                  <div className="flex items-center gap-2">
                    <span className="truncate font-medium">{m.name}</span>
                    {m.isSelf && (
                      <Badge variant="outline" className="font-normal text-muted-foreground">
                        {t('you')}
                      </Badge>
                    )}
                  </div>
                  <div className="truncate text-sm text-muted-foreground">{m.email}</div>
                </div>
              </div>
            </TableCell>
            <TableCell className="flex-1 py-1.5 pl-16 sm:py-2.5 sm:pl-3">
              {m.canChangeRole ? (
                <MemberRoleSelect member={m} roles={assignableRoles} />
              ) : (
                <Badge variant="secondary" data-testid="member-role">
                  {roleName(m.role)}
                </Badge>
              )}
            </TableCell>
            <TableCell className="hidden whitespace-nowrap text-muted-foreground md:table-cell">
              {time.date(m.joinedAt)}
            </TableCell>
            <TableCell className="py-1.5 pr-4 text-right sm:py-2.5 sm:pr-6">
              {(m.isSelf || m.canRemove) && (
                <RemoveMemberButton member={m} workspaceName={workspaceName} soleOwner={m.isSelf && m.role === 'owner' && owners === 1} />
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
