import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getPageCaller } from '@/lib/auth/page-caller';
import { AuthCard } from '@/components/auth/auth-card';
import { LoginForm } from '@/components/auth/login-form';
import { inviteTokenOf, safeNext } from '@/components/auth/safe-next';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.login');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const next = safeNext(sp.next);
  const noWorkspace = sp.error === 'no_workspace';
  // Someone already signed in goes straight on (unless they were sent here for having no workspace).
  const caller = await getPageCaller().catch(() => null);
  if (caller?.workspace && !noWorkspace) redirect(next);

  const t = await getTranslations('auth');
  const invite = inviteTokenOf(next);
  const registerHref = invite ? `/register?invite=${encodeURIComponent(invite)}` : '/register';
  return (
    <AuthCard
      title={t('login.title')}
      description={invite ? t('login.subtitleInvite') : t('login.subtitle')}
      footer={
        <>
          {t('login.noAccount')}{' '}
          <Link href={registerHref} className="font-medium text-primary hover:underline" data-testid="register-link">
            {t('login.register')}
          </Link>
        </>
      }
    >
      <LoginForm next={next} initialError={noWorkspace ? t('errors.no_workspace') : undefined} />
    </AuthCard>
  );
}
