import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { timeFormatter } from '@/lib/i18n/format-time';
import { isLocale } from '@/lib/i18n/config';
import { CalendarClockIcon, SparklesIcon, UsersIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import { StatCard } from '@/components/dashboard/stat-card';
import { ProgressBar } from '@/components/dashboard/progress-bar';
import { GettingStarted } from '@/components/dashboard/getting-started';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { can } from '@/lib/auth/permissions';
import { PLAN_IDS } from '@/lib/billing/plans';
import { listTeam } from '@/lib/team/list-team';
import { workspacePath } from '@/lib/workspaces/paths';
import { getCaller } from './caller';

export const generateMetadata = () => sectionMetadata('overview');

const DAY_MS = 86_400_000;

export default async function OverviewPage({ params }: { params: Promise<{ slug: string }> }) {
  const caller = await getCaller(params);
  const t = await getTranslations('dashboard.overview');
  const format = await getFormatter();
  const ws = caller.workspace;
  const locale = await getLocale();
  const time = timeFormatter(isLocale(locale) ? locale : 'ru', ws.timeZone);
  const team = await listTeam(caller.actor);

  const plan = (PLAN_IDS as readonly string[]).includes(ws.subscriptionPlan) ? ws.subscriptionPlan : 'trial';
  const trialEnds = ws.subscriptionPlan === 'trial' ? ws.trialEndsAt : null;
  const daysLeft = trialEnds ? Math.max(0, Math.ceil((trialEnds.getTime() - Date.now()) / DAY_MS)) : null;
  const used = ws.aiResponsesUsed;
  const limit = ws.aiResponsesLimit;
  const firstName = (caller.user.fullName ?? '').trim().split(/\s+/)[0];

  return (
    <div className="space-y-8">
      <PageHeader
        title={firstName ? t('greeting', { name: firstName }) : t('greetingAnonymous')}
        description={t('subtitle', { workspace: ws.name })}
      />
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        <StatCard
          testId="card-plan"
          icon={<CalendarClockIcon aria-hidden />}
          label={t('plan.label')}
          value={
            <span className="flex items-center gap-2">
              {t(`plan.names.${plan}`)}
              {trialEnds && daysLeft !== null && daysLeft <= 3 && <Badge variant="warning">{t('plan.endsSoon')}</Badge>}
            </span>
          }
          detail={
            trialEnds
              ? daysLeft
                ? t('plan.trialEnds', { date: time.dateLong(trialEnds), days: daysLeft })
                : t('plan.trialEnded', { date: time.dateLong(trialEnds) })
              : t('plan.active')
          }
          href={can(caller.role, 'billing.read') ? workspacePath(ws.slug, '/billing') : undefined}
          linkLabel={t('plan.manage')}
        />
        <StatCard
          testId="card-usage"
          icon={<SparklesIcon aria-hidden />}
          label={t('usage.label')}
          value={
            <span>
              {format.number(used)}
              <span className="text-base font-normal text-muted-foreground"> / {format.number(limit)}</span>
            </span>
          }
          detail={t('usage.detail', { left: format.number(Math.max(0, limit - used)) })}
        >
          <ProgressBar value={used} max={limit} label={t('usage.label')} />
        </StatCard>
        <StatCard
          testId="card-team"
          icon={<UsersIcon aria-hidden />}
          label={t('team.label')}
          value={t('team.members', { count: team.members.length })}
          detail={
            team.invitations.length
              ? t('team.pending', { count: team.invitations.length })
              : t('team.detail')
          }
          href={workspacePath(ws.slug, '/team')}
          linkLabel={t('team.manage')}
        />
      </div>
      <GettingStarted caller={caller} />
    </div>
  );
}
