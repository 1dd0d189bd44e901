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
  return (
    <Table data-testid="members-table">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead className="pl-4 sm:pl-6">{t('columns.member')}</TableHead>
          <TableHead>{t('columns.role')}</TableHead>
          <TableHead className="hidden md:table-cell">{t('columns.joined')}</TableHead>
          <TableHead className="pr-4 text-right sm:pr-6">
            <span className="sr-only">{t('columns.actions')}</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.map((m) => (
          <TableRow key={m.id} data-testid="member-row" data-email={m.email}>
            <TableCell className="py-3 pl-4 sm:pl-6">
              <div className="flex items-center gap-3">
                <UserAvatar name={m.name} src={m.avatarUrl} className="size-9" />
                <div className="max-w-[9.5rem] min-w-0 sm:max-w-sm lg:max-w-lg">
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
            <TableCell>
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
            <TableCell className="pr-4 text-right sm:pr-6">
              {(m.isSelf || m.canRemove) && <RemoveMemberButton member={m} workspaceName={workspaceName} />}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
