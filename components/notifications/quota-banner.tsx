// The dashboard shell's warning when the workspace's AI replies are used up: agents stopped
// answering, and what to do about it (the billing page).
import { getTranslations } from 'next-intl/server';
import { TriangleAlertIcon } from 'lucide-react';
import { WorkspaceLink } from '@/components/dashboard/workspace-link';

export async function QuotaBanner({ used, limit }: { used: number; limit: number }) {
  if (used < limit) return null;
  const t = await getTranslations('notifications.quota');
  return (
    <div
      role="alert"
      data-testid="quota-banner"
      className="flex flex-wrap items-center gap-x-3 gap-y-1.5 border-b border-destructive/30 bg-destructive/10 px-4 py-2.5 text-sm sm:px-6 lg:px-8"
    >
      <TriangleAlertIcon className="size-4 shrink-0 text-destructive" aria-hidden />
      <span className="font-medium">{t('title')}</span>
      <span className="min-w-0 flex-1 text-muted-foreground">{t('body', { used, limit })}</span>
      <WorkspaceLink to="/billing" className="font-medium text-destructive underline-offset-4 hover:underline">
        {t('action')}
      </WorkspaceLink>
    </div>
  );
}
