import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ChevronLeftIcon, ChevronRightIcon, ScrollTextIcon, ShieldOffIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { AuditFilter } from '@/components/dashboard/audit-filter';
import { AuditTable } from '@/components/dashboard/audit-table';
import { can } from '@/lib/auth/permissions';
import { auditQuerySchema, listAudit } from '@/lib/audit/list-audit';
import { getCaller } from '../caller';
import { workspacePath } from '@/lib/workspaces/paths';

export const generateMetadata = () => sectionMetadata('auditLog');

// The actions lib/ records today; entries with other actions still show (under their raw name).
const KNOWN_ACTIONS = [
  'register',
  'update_workspace',
  'invite_member',
  'revoke_invitation',
  'join_workspace',
  'change_member_role',
  'remove_member',
  'leave_workspace',
];
const PAGE_SIZE = 20;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditLogPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: SearchParams }) {
  const caller = await getCaller(params);
  const t = await getTranslations('audit');
  if (!can(caller.role, 'audit.read')) {
    return (
      <div className="space-y-8">
        <PageHeader title={t('title')} />
        <EmptyState icon={<ShieldOffIcon />} title={t('noAccess.title')} description={t('noAccess.description')} data-testid="audit-no-access" />
      </div>
    );
  }

  const sp = await searchParams;
  const action = typeof sp.action === 'string' && sp.action ? sp.action : undefined;
  const parsed = auditQuerySchema.safeParse({ page: sp.page, limit: PAGE_SIZE, action });
  const query = parsed.success ? parsed.data : auditQuerySchema.parse({ limit: PAGE_SIZE });
  const { entries, pagination } = await listAudit(caller.actor, query);
  const pageHref = (page: number) => {
    const p = new URLSearchParams();
    if (action) p.set('action', action);
    if (page > 1) p.set('page', String(page));
    return p.size ? `?${p}` : '?';
  };

  return (
    <div className="space-y-8">
      <PageHeader title={t('title')} description={t('subtitle')} actions={<AuditFilter actions={KNOWN_ACTIONS} current={action} />} />
      {entries.length === 0 ? (
        <EmptyState icon={<ScrollTextIcon />} title={t('empty.title')} description={action ? t('empty.filtered') : t('empty.description')} />
      ) : (
        <Card className="gap-0 py-0">
          <AuditTable entries={entries} base={workspacePath(caller.workspace.slug)} timeZone={caller.workspace.timeZone} />
          <div className="flex flex-wrap items-center justify-between gap-3 border-t px-6 py-3 text-sm text-muted-foreground">
            <span data-testid="audit-pagination">
              {t('pagination.summary', { page: pagination.page, pages: pagination.pages, total: pagination.total })}
            </span>
            <div className="flex gap-2">
              <PageLink href={pageHref(pagination.page - 1)} disabled={pagination.page <= 1} label={t('pagination.previous')}>
                <ChevronLeftIcon aria-hidden />
              </PageLink>
              <PageLink href={pageHref(pagination.page + 1)} disabled={pagination.page >= pagination.pages} label={t('pagination.next')} trailing>
                <ChevronRightIcon aria-hidden />
              </PageLink>
            </div>
          </div>
        </Card>
      )}
    </div>
  );
}

function PageLink({
  href,
  disabled,
  label,
  trailing,
  children,
}: {
  href: string;
  disabled: boolean;
  label: string;
  trailing?: boolean;
  children: React.ReactNode;
}) {
  if (disabled) {
    return (
      <Button variant="outline" size="sm" disabled>
        {!trailing && children}
        {label}
        {trailing && children}
      </Button>
    );
  }
  return (
    <Button asChild variant="outline" size="sm">
      <Link href={href} scroll={false}>
        {!trailing && children}
        {label}
        {trailing && children}
      </Link>
    </Button>
  );
}
