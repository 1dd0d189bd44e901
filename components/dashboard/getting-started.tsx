import { getTranslations } from 'next-intl/server';
import { ArrowRightIcon, BookOpenIcon, BotIcon, PlugIcon } from 'lucide-react';
import { WorkspaceLink } from './workspace-link';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';

const STEPS = [
  { key: 'agent', href: '/agents', icon: BotIcon },
  { key: 'knowledge', href: '/knowledge-base', icon: BookOpenIcon },
  { key: 'channel', href: '/integrations', icon: PlugIcon },
] as const;

/** The three first steps of a new workspace, each linking to its section. */
export async function GettingStarted() {
  const t = await getTranslations('dashboard.overview.checklist');
  return (
    <Card className="gap-5" data-testid="getting-started">
      <CardHeader>
        <CardTitle>{t('title')}</CardTitle>
        <CardDescription>{t('description')}</CardDescription>
      </CardHeader>
      <ol className="grid gap-2 px-6 md:grid-cols-3 md:gap-4">
        {STEPS.map((step, i) => (
          <li key={step.key}>
            <WorkspaceLink
              to={step.href}
              data-testid={`checklist-${step.key}`}
              className="group flex h-full items-start gap-4 rounded-lg border bg-background p-4 outline-none transition-colors hover:border-primary/40 hover:bg-accent/40 focus-visible:ring-[3px] focus-visible:ring-ring/50 dark:bg-card"
            >
              <span className="relative flex size-9 shrink-0 items-center justify-center rounded-full border bg-card text-primary">
                <step.icon className="size-4" aria-hidden />
                <span className="absolute -top-1.5 -right-1.5 flex size-4.5 items-center justify-center rounded-full bg-primary text-[10px] font-semibold text-primary-foreground">
                  {i + 1}
                </span>
              </span>
              <span className="min-w-0 flex-1">
                <span className="flex items-center gap-1 text-sm font-medium">
                  {t(`${step.key}.title`)}
                  <ArrowRightIcon className="size-3.5 text-muted-foreground transition-transform group-hover:translate-x-0.5" aria-hidden />
                </span>
                <span className="mt-1 block text-sm leading-snug text-muted-foreground">{t(`${step.key}.description`)}</span>
              </span>
            </WorkspaceLink>
          </li>
        ))}
      </ol>
    </Card>
  );
}
