import { getTranslations } from 'next-intl/server';
import { ArrowRightIcon, BookOpenIcon, BotIcon, CheckIcon, PlugIcon, UsersIcon } from 'lucide-react';
import { WorkspaceLink } from './workspace-link';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/lib/utils/cn';
import type { WorkspaceCaller } from '@/lib/auth/resolve-caller';
import { getOnboardingProgress, type OnboardingProgress } from '@/lib/workspaces/get-onboarding-progress';

const STEPS = [
  { key: 'agent', href: '/agents', icon: BotIcon },
  { key: 'knowledge', href: '/knowledge-base', icon: BookOpenIcon },
  { key: 'team', href: '/team', icon: UsersIcon },
  { key: 'channel', href: '/integrations', icon: PlugIcon },
] as const satisfies readonly { key: keyof OnboardingProgress; href: string; icon: unknown }[];

/** The first steps of a new workspace, each linking to its section; the ones already done are ticked. */
export async function GettingStarted({ caller }: { caller: WorkspaceCaller }) {
  const t = await getTranslations('dashboard.overview.checklist');
  const more = await getTranslations('dashboard.checklistProgress');
  const progress = await getOnboardingProgress(caller.actor);
  const done = STEPS.filter((s) => progress[s.key]).length;
  // The first three steps' texts predate the team step, which has its own.
  const text = (key: string, part: 'title' | 'description') => (t.has(`${key}.${part}`) ? t(`${key}.${part}`) : more(`steps.${key}.${part}`));
  return (
    <Card className="gap-5" data-testid="getting-started" data-done={done}>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center justify-between gap-2">
          {t('title')}
          <span className="text-sm font-normal text-muted-foreground tabular-nums" data-testid="checklist-progress">
            {more('count', { done, total: STEPS.length })}
          </span>
        </CardTitle>
        <CardDescription>{done === STEPS.length ? more('allDone') : more('description')}</CardDescription>
      </CardHeader>
      <ol className="grid gap-2 px-6 md:grid-cols-2 md:gap-4 xl:grid-cols-4">
        {STEPS.map((step, i) => {
          const isDone = progress[step.key];
          return (
            <li key={step.key}>
              <WorkspaceLink
                to={step.href}
                data-testid={`checklist-${step.key}`}
                data-done={isDone}
                className={cn(
                  'group flex h-full items-start gap-4 rounded-lg border bg-background p-4 outline-none transition-colors hover:border-primary/40 hover:bg-accent/40 focus-visible:ring-[3px] focus-visible:ring-ring/50 dark:bg-card',
                  isDone && 'border-success/30 bg-success/5 dark:bg-success/10',
                )}
              >
                <span
                  className={cn(
                    'relative flex size-9 shrink-0 items-center justify-center rounded-full border bg-card text-primary',
                    isDone && 'border-success/40 bg-success text-success-foreground',
                  )}
                >
                  {isDone ? <CheckIcon className="size-4" aria-hidden /> : <step.icon className="size-4" aria-hidden />}
                  {!isDone && (
                    <span className="absolute -top-1.5 -right-1.5 flex size-4.5 items-center justify-center rounded-full bg-primary text-[10px] font-semibold text-primary-foreground">
                      {i + 1}
                    </span>
                  )}
                </span>
                <span className="min-w-0 flex-1">
                  <span className={cn('flex items-center gap-1 text-sm font-medium', isDone && 'text-muted-foreground line-through decoration-muted-foreground/40')}>
                    {text(step.key, 'title')}
                    {!isDone && <ArrowRightIcon className="size-3.5 text-muted-foreground transition-transform group-hover:translate-x-0.5" aria-hidden />}
                  </span>
                  <span className="mt-1 block text-sm leading-snug text-muted-foreground">
                    {isDone ? more('done') : text(step.key, 'description')}
                  </span>
                </span>
              </WorkspaceLink>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
