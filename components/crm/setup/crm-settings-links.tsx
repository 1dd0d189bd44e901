'use client';
// The "CRM" block of the settings page: links to the pipelines, fields and price-list pages.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { ChevronRightIcon } from 'lucide-react';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';

export function CrmSettingsLinks() {
  const t = useTranslations('crmSetup');
  const wsHref = useWorkspaceHref();
  return (
    <ul className="divide-y rounded-md border">
      {(['pipelines', 'fields', 'price-list'] as const).map((tab) => (
        <li key={tab}>
          <Link href={wsHref(`/settings/crm/${tab}`)} className="flex items-center justify-between gap-3 px-4 py-3 text-sm hover:bg-accent" data-testid={`settings-crm-${tab}`}>
            <span className="min-w-0">
              <span className="block font-medium">{t(`tabs.${tab}`)}</span>
              <span className="block text-muted-foreground">{t(`tabs.${tab}Hint`)}</span>
            </span>
            <ChevronRightIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
          </Link>
        </li>
      ))}
    </ul>
  );
}
