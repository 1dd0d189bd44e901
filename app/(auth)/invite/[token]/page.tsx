import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { BuildingIcon, MailWarningIcon, UserRoundCheckIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { AuthCard } from '@/components/auth/auth-card';
import { FormAlert } from '@/components/forms/form-alert';
import { AcceptInvitationButton, SwitchAccountButton } from '@/components/auth/invite-actions';
import { getPageCaller } from '@/lib/auth/page-caller';
import { previewInvitation } from '@/lib/team/accept-invitation';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('team.accept');
  return { title: t('metaTitle') };
}

const TOKEN = /^[A-Za-z0-9_-]{10,200}$/;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const caller = await getPageCaller().catch(() => null);
  if (!caller) redirect(`/login?next=${encodeURIComponent(`/invite/${token}`)}`);
  const t = await getTranslations('team.accept');
  const roles = await getTranslations('common.roles');
  const preview = TOKEN.test(token) ? await previewInvitation(caller.actor, token) : null;

  const problem = !preview ? 'invalid' : preview.accepted ? 'used' : preview.expired ? 'expired' : null;
  if (!preview || problem) {
    return (
      <AuthCard icon={<MailWarningIcon aria-hidden />} title={t(`${problem ?? 'invalid'}Title`)} description={t(`${problem ?? 'invalid'}Body`)}>
        <Button asChild variant="outline" className="w-full" data-testid="invite-problem">
          <Link href={caller.workspace ? '/dashboard' : '/login'}>{caller.workspace ? t('toDashboard') : t('toLogin')}</Link>
        </Button>
      </AuthCard>
    );
  }

  const mismatch = preview.email.toLowerCase() !== caller.user.email.toLowerCase();
  return (
    <AuthCard
      icon={<UserRoundCheckIcon aria-hidden />}
      title={t('title', { workspace: preview.workspace_name })}
      description={t('subtitle')}
    >
      <div className="grid grid-cols-1 gap-5" data-testid="invite-preview">
        <dl className="divide-y rounded-lg border text-sm">
          <div className="flex items-center justify-between gap-4 px-4 py-3">
            <dt className="shrink-0 text-muted-foreground">{t('workspace')}</dt>
            <dd className="flex min-w-0 items-center justify-end gap-2 font-medium">
              <BuildingIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
              <span className="truncate" data-testid="invite-workspace">{preview.workspace_name}</span>
            </dd>
          </div>
          <div className="flex items-center justify-between gap-4 px-4 py-3">
            <dt className="shrink-0 text-muted-foreground">{t('role')}</dt>
            <dd className="min-w-0 truncate text-right font-medium">{roles.has(preview.role) ? roles(preview.role) : preview.role}</dd>
          </div>
          <div className="flex items-center justify-between gap-4 px-4 py-3">
            <dt className="shrink-0 text-muted-foreground">{t('invitedEmail')}</dt>
            <dd className="min-w-0 truncate text-right font-medium" data-testid="invite-email-shown">{preview.email}</dd>
          </div>
        </dl>
        {mismatch ? (
          <>
            <FormAlert testId="invite-mismatch">{t('mismatch', { invited: preview.email, current: caller.user.email })}</FormAlert>
            <SwitchAccountButton token={token} />
          </>
        ) : (
          <AcceptInvitationButton token={token} />
        )}
      </div>
    </AuthCard>
  );
}
