import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/auth-card';
import { RegisterForm } from '@/components/auth/register-form';
import { previewSignUpInvitation } from '@/lib/team/sign-up-invitation';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.register');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RegisterPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const invite = typeof sp.invite === 'string' && /^[A-Za-z0-9_-]{10,200}$/.test(sp.invite) ? sp.invite : undefined;
  const t = await getTranslations('auth');
  const invitation = invite ? await previewSignUpInvitation(invite) : null;
  const loginHref = invite ? `/login?next=${encodeURIComponent(`/invite/${invite}`)}` : '/login';
  return (
    <AuthCard
      title={t('register.title')}
      description={invite ? t('register.subtitleInvite') : t('register.subtitle')}
      footer={
        <>
          {t('register.haveAccount')}{' '}
          <Link href={loginHref} className="font-medium text-primary hover:underline" data-testid="login-link">
            {t('register.login')}
          </Link>
        </>
      }
    >
      <RegisterForm inviteToken={invite} invitation={invitation ?? undefined} />
    </AuthCard>
  );
}
