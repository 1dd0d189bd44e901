// Every section of the product, in sidebar order; titles come from the `nav.sections` messages.
import {
  BellIcon,
  BookOpenIcon,
  BotIcon,
  CreditCardIcon,
  FlaskConicalIcon,
  HandshakeIcon,
  ListChecksIcon,
  LayoutDashboardIcon,
  LifeBuoyIcon,
  MessagesSquareIcon,
  PlugIcon,
  ScrollTextIcon,
  SettingsIcon,
  ContactIcon,
  UsersIcon,
  UserRoundIcon,
  type LucideIcon,
} from 'lucide-react';

export type SectionKey =
  | 'overview'
  | 'agents'
  | 'testChat'
  | 'knowledgeBase'
  | 'conversations'
  | 'clients'
  | 'deals'
  | 'tasks'
  | 'integrations'
  | 'notifications'
  | 'billing'
  | 'team'
  | 'support'
  | 'settings'
  | 'auditLog'
  | 'profile';

export interface NavItem {
  key: SectionKey;
  /** Used in data-testid="nav-<slug>". */
  slug: string;
  /** Path inside the workspace ('' for the overview); the link is /w/<workspace>/<href>. */
  href: string;
  icon: LucideIcon;
}

export interface NavGroup {
  /** Key in `nav.groups`, or null for the ungrouped first block. */
  label: 'assistant' | 'sales' | 'workspace' | null;
  items: NavItem[];
}

const item = (key: SectionKey, slug: string, icon: LucideIcon): NavItem => ({
  key,
  slug,
  href: slug === 'overview' ? '' : `/${slug}`,
  icon,
});

export const NAV_GROUPS: NavGroup[] = [
  { label: null, items: [item('overview', 'overview', LayoutDashboardIcon)] },
  {
    label: 'assistant',
    items: [
      item('agents', 'agents', BotIcon),
      item('testChat', 'test-chat', FlaskConicalIcon),
      item('knowledgeBase', 'knowledge-base', BookOpenIcon),
    ],
  },
  {
    label: 'sales',
    items: [
      item('conversations', 'conversations', MessagesSquareIcon),
      item('clients', 'clients', ContactIcon),
      item('deals', 'deals', HandshakeIcon),
      item('tasks', 'tasks', ListChecksIcon),
    ],
  },
  {
    label: 'workspace',
    items: [
      item('integrations', 'integrations', PlugIcon),
      item('notifications', 'notifications', BellIcon),
      item('billing', 'billing', CreditCardIcon),
      item('team', 'team', UsersIcon),
      item('settings', 'settings', SettingsIcon),
      item('auditLog', 'audit-log', ScrollTextIcon),
    ],
  },
];

/** Pinned to the bottom of the sidebar. */
export const SUPPORT_ITEM = item('support', 'support', LifeBuoyIcon);

export const PROFILE_ITEM = item('profile', 'profile', UserRoundIcon);

export const ALL_NAV_ITEMS: NavItem[] = [...NAV_GROUPS.flatMap((g) => g.items), SUPPORT_ITEM];

/** The section a dashboard pathname (/w/<slug>/...) belongs to (longest matching href wins). */
export function sectionFor(pathname: string): NavItem | undefined {
  const inner = pathname.replace(/^\/w\/[^/]+/, '');
  return [...ALL_NAV_ITEMS, PROFILE_ITEM]
    .filter((i) => inner === i.href || (i.href !== '' && inner.startsWith(`${i.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0];
}
