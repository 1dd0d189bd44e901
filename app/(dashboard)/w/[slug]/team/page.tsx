import { getTranslations } from 'next-intl/server';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { InviteDialog } from '@/components/team/invite-dialog';
import { InvitationsList } from '@/components/team/invitations-list';
import { MembersTable } from '@/components/team/members-table';
import type { InvitationRow, MemberRow } from '@/components/team/types';
import { ROLES, can, canAssignRole, type Role } from '@/lib/auth/permissions';
import { listTeam } from '@/lib/team/list-team';
import { getCaller } from '../caller';

export const generateMetadata = () => sectionMetadata('team');

export default async function TeamPage({ params }: { params: Promise<{ slug: string }> }) {
  const caller = await getCaller(params);
  const t = await getTranslations('team');
  const team = await listTeam(caller.actor);
  const manage = can(caller.role, 'team.manage');
  const assignable = ROLES.filter((r) => canAssignRole(caller.role, r));

  const members: MemberRow[] = team.members.map((m) => {
    const isSelf = m.user_id === caller.user.id;
    const role = m.role as Role;
    return {
      id: m.id,
      name: m.full_name || m.email,
      email: m.email,
      avatarUrl: m.avatar_url,
      role,
      joinedAt: m.joined_at.toISOString(),
      isSelf,
      canChangeRole: !isSelf && canAssignRole(caller.role, role),
      canRemove: !isSelf && canAssignRole(caller.role, role),
    };
  });
  const invitations: InvitationRow[] = team.invitations.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role as Role,
    expiresAt: i.expires_at.toISOString(),
  }));

  return (
    <div className="space-y-8">
      <PageHeader
        title={t('title')}
        description={manage ? t('subtitle', { workspace: caller.workspace.name }) : t('subtitleReadOnly', { workspace: caller.workspace.name })}
        actions={manage ? <InviteDialog roles={assignable} /> : undefined}
      />
      <Card className="gap-0 pb-2">
        <CardHeader className="pb-5">
          <CardTitle>{t('members.title')}</CardTitle>
          <CardDescription>{t('members.count', { count: members.length })}</CardDescription>
        </CardHeader>
        <div className="border-t">
          <MembersTable members={members} assignableRoles={assignable} workspaceName={caller.workspace.name} />
        </div>
      </Card>
      {manage && (
        <Card className="gap-0 pb-2" data-testid="invitations-card">
          <CardHeader className="pb-5">
            <CardTitle>{t('invitations.title')}</CardTitle>
            <CardDescription>{t('invitations.description')}</CardDescription>
          </CardHeader>
          <InvitationsList invitations={invitations} />
        </Card>
      )}
    </div>
  );
}
