'use client';
// The section list: grouped links with icons, the current one highlighted.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { cn } from '@/lib/utils/cn';
import { useWorkspaceHref } from './workspace-context';
import { NAV_GROUPS, SUPPORT_ITEM, sectionFor, type NavItem } from './nav-items';
import { SOON_SECTIONS } from './section-status';

function NavLink({ item, active, onNavigate }: { item: NavItem; active: boolean; onNavigate?: () => void }) {
  const t = useTranslations('nav.sections');
  const nav = useTranslations('nav');
  const wsHref = useWorkspaceHref();
  const Icon = item.icon;
  const soon = SOON_SECTIONS.has(item.key);
  return (
    <Link
      href={wsHref(item.href)}
      onClick={onNavigate}
      aria-current={active ? 'page' : undefined}
      data-testid={`nav-${item.slug}`}
      className={cn(
        'group flex h-9 items-center gap-3 rounded-md px-3 text-sm outline-none transition-colors',
        'focus-visible:ring-[3px] focus-visible:ring-sidebar-ring/50',
        active
          ? 'bg-sidebar-accent font-medium text-sidebar-accent-foreground'
          : 'text-sidebar-foreground/80 hover:bg-sidebar-accent/60 hover:text-sidebar-accent-foreground',
      )}
    >
      <Icon
        aria-hidden
        className={cn(
          'size-4 shrink-0 transition-colors',
          active ? 'text-sidebar-primary' : 'text-muted-foreground group-hover:text-sidebar-accent-foreground',
        )}
      />
      <span className="truncate">{t(item.key)}</span>
      {soon && (
        <span
          className="ml-auto shrink-0 rounded-full border border-sidebar-border px-1.5 py-px text-[10px] leading-4 font-medium text-muted-foreground"
          data-testid="nav-soon"
        >
          {nav('soonBadge')}
        </span>
      )}
    </Link>
  );
}

export function SidebarNav({ onNavigate }: { onNavigate?: () => void }) {
  const t = useTranslations('nav');
  const pathname = usePathname();
  const current = sectionFor(pathname)?.href;
  return (
    <nav aria-label={t('label')} className="flex min-h-0 flex-1 flex-col">
      <div className="flex-1 space-y-5 overflow-y-auto px-3 py-4">
        {NAV_GROUPS.map((group) => (
          <div key={group.label ?? 'main'} className="space-y-0.5">
            {group.label && (
              <p className="px-3 pb-1.5 text-[11px] font-semibold tracking-wider text-muted-foreground/80 uppercase">
                {t(`groups.${group.label}`)}
              </p>
            )}
            {group.items.map((item) => (
              <NavLink key={item.slug} item={item} active={current === item.href} onNavigate={onNavigate} />
            ))}
          </div>
        ))}
      </div>
      <div className="border-t border-sidebar-border px-3 py-3">
        <NavLink item={SUPPORT_ITEM} active={current === SUPPORT_ITEM.href} onNavigate={onNavigate} />
      </div>
    </nav>
  );
}
