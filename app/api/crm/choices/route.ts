import { workspaceRoute } from '@/lib/api/route';
import { listCrmChoices } from '@/lib/crm/list-crm-choices';
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale } from '@/lib/i18n/config';

// ?locale=ru|en|kk, else the UI language cookie: the language of the system fields' names.
export const GET = workspaceRoute(
  async ({ req, caller }) => {
    const asked = req.nextUrl.searchParams.get('locale') ?? req.cookies.get(LOCALE_COOKIE)?.value;
    return listCrmChoices(caller.actor, isLocale(asked) ? asked : DEFAULT_LOCALE);
  },
  { permission: 'crm.read' },
);
