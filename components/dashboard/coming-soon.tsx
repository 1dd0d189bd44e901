// The placeholder of a section that is not built yet: its name, that it is not available, what it will do.
import { getTranslations } from 'next-intl/server';
import { ArrowLeftIcon, ClockIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { WorkspaceLink } from './workspace-link';
import { ALL_NAV_ITEMS, type SectionKey } from './nav-items';

export async function ComingSoon({ section }: { section: SectionKey }) {
  const t = await getTranslations('dashboard.comingSoon');
  const nav = await getTranslations('nav.sections');
  const Icon = ALL_NAV_ITEMS.find((i) => i.key === section)?.icon ?? ClockIcon;
  return (
    <section data-testid="coming-soon" data-section={section} className="flex min-h-[60vh] items-center justify-center">
      <div className="relative w-full max-w-xl overflow-hidden rounded-2xl border bg-card px-6 py-14 text-center shadow-xs sm:px-12">
        <div
          aria-hidden
          className="pointer-events-none absolute inset-x-0 top-0 h-40 bg-[radial-gradient(32rem_10rem_at_50%_0%,color-mix(in_oklab,var(--primary),transparent_85%),transparent)]"
        />
        <div className="relative mx-auto mb-6 flex size-14 items-center justify-center rounded-2xl border bg-background text-primary shadow-sm">
          <Icon className="size-6" aria-hidden />
        </div>
        <Badge variant="secondary" className="relative mb-3 gap-1.5">
          <ClockIcon aria-hidden />
          {t('badge')}
        </Badge>
        <h1 className="relative text-2xl font-semibold tracking-tight text-balance">{nav(section)}</h1>
        <p className="relative mt-3 text-sm text-muted-foreground">{t('notAvailable')}</p>
        <p className="relative mx-auto mt-1 max-w-md text-sm text-balance text-foreground/80">{t(`descriptions.${section}`)}</p>
        <Button asChild variant="outline" className="relative mt-8">
          <WorkspaceLink to="">
            <ArrowLeftIcon aria-hidden />
            {t('back')}
          </WorkspaceLink>
        </Button>
      </div>
    </section>
  );
}
