'use client';
// The CRM settings pages (pipelines, fields, price list) as tabs that are links.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { PageHeader } from '@/components/ui/page-header';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';
import { cn } from '@/lib/utils/cn';

export type SetupTab = 'pipelines' | 'fields' | 'price-list';
const TABS: SetupTab[] = ['pipelines', 'fields', 'price-list'];

export function SetupHeader({ active, actions }: { active: SetupTab; actions?: React.ReactNode }) {
  const t = useTranslations('crmSetup');
  const wsHref = useWorkspaceHref();
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} description={t(`tabs.${active}Hint`)} actions={actions} />
      <nav aria-label={t('title')} className="-mx-1 overflow-x-auto">
        <ul className="inline-flex min-w-full gap-1 border-b px-1 sm:min-w-0">
          {TABS.map((tab) => (
            <li key={tab}>
              <Link
                href={wsHref(`/settings/crm/${tab}`)}
                aria-current={tab === active ? 'page' : undefined}
                data-testid={`crm-tab-${tab}`}
                className={cn(
                  '-mb-px inline-flex h-9 items-center border-b-2 px-3 text-sm font-medium whitespace-nowrap transition-colors',
                  tab === active ? 'border-primary text-foreground' : 'border-transparent text-muted-foreground hover:text-foreground',
                )}
              >
                {t(`tabs.${tab}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
