import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LockKeyholeIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { AuthCard } from '@/components/auth/auth-card';
import { FormAlert } from '@/components/forms/form-alert';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.reset');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const { token } = await searchParams;
  const t = await getTranslations('auth');
  return (
    <AuthCard icon={<LockKeyholeIcon aria-hidden />} title={t('reset.title')} description={t('reset.subtitle')}>
      {typeof token === 'string' && token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <div className="grid gap-5">
          <FormAlert testId="reset-error">{t('errors.missing_token')}</FormAlert>
          <Button asChild variant="outline" className="w-full">
            <Link href="/forgot-password">{t('reset.requestNew')}</Link>
          </Button>
        </div>
      )}
    </AuthCard>
  );
}
