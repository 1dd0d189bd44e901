import { getTranslations } from 'next-intl/server';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { AvatarUpload } from '@/components/settings/avatar-upload';
import { ProfileForm } from '@/components/settings/profile-form';
import { SessionsCard } from '@/components/settings/sessions-card';
import { TelegramNotificationsCard } from '@/components/profile-telegram/telegram-notifications-card';
import { can } from '@/lib/auth/permissions';
import { getEnv } from '@/lib/env';
import { AVATAR_TYPES } from '@/lib/users/upload-avatar';
import { getCaller } from '../caller';

export const generateMetadata = () => sectionMetadata('profile');

export default async function ProfilePage({ params }: { params: Promise<{ slug: string }> }) {
  const caller = await getCaller(params);
  const t = await getTranslations('profile');
  const name = caller.user.fullName || caller.user.email;
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <PageHeader title={t('title')} description={t('subtitle')} />
      <Card>
        <CardHeader>
          <CardTitle>{t('avatar.title')}</CardTitle>
          <CardDescription>{t('avatar.description')}</CardDescription>
        </CardHeader>
        <CardContent>
          <AvatarUpload name={name} avatarUrl={caller.user.avatarUrl} maxBytes={getEnv().AVATAR_MAX_BYTES} types={AVATAR_TYPES} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('details.title')}</CardTitle>
          <CardDescription>{t('details.description')}</CardDescription>
        </CardHeader>
        <CardContent>
          <ProfileForm
            fullName={caller.user.fullName ?? ''}
            companyName={caller.workspace.name}
            email={caller.user.email}
            canEditCompany={can(caller.role, 'settings.write')}
          />
        </CardContent>
      </Card>
      <TelegramNotificationsCard integrationsHref={`/w/${caller.workspace.slug}/integrations`} />
      <SessionsCard />
    </div>
  );
}
