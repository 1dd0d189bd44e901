import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { KeyRoundIcon } from 'lucide-react';
import { AuthCard } from '@/components/auth/auth-card';
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';
import { mailMode } from '@/lib/mail/send-mail';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.forgot');
  return { title: t('title') };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations('auth');
  return (
    <AuthCard
      icon={<KeyRoundIcon aria-hidden />}
      title={t('forgot.title')}
      description={t('forgot.subtitle')}
      footer={
        <Link href="/login" className="font-medium text-primary hover:underline">
          {t('forgot.backToLogin')}
        </Link>
      }
    >
      <ForgotPasswordForm mailOff={mailMode() === 'off'} />
    </AuthCard>
  );
}
