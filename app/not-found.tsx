import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CompassIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';

export default async function NotFound() {
  const t = await getTranslations('common.notFound');
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 px-6 text-center" data-testid="not-found">
      <div className="flex size-14 items-center justify-center rounded-2xl border bg-card text-primary shadow-sm">
        <CompassIcon className="size-6" aria-hidden />
      </div>
      <p className="text-sm font-medium text-muted-foreground">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="max-w-sm text-sm text-balance text-muted-foreground">{t('description')}</p>
      <Button asChild className="mt-2">
        <Link href="/dashboard">{t('back')}</Link>
      </Button>
    </main>
  );
}
