export const LOCALES = ['ru', 'en', 'kk'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'ru';
export const LOCALE_COOKIE = 'locale';

/** Message catalogue files, one per namespace: lib/i18n/messages/<locale>/<namespace>.json */
export const NAMESPACES = ['common', 'nav', 'auth', 'dashboard', 'profile', 'settings', 'team', 'audit', 'mail', 'agents', 'kb', 'errors', 'agentsCrm', 'deals', 'clients', 'crmSetup', 'aiSettings', 'notifications', 'kbQuality', 'testChat', 'ownerTelegram', 'realtime', 'suggestions', 'inbox', 'integrations', 'chains', 'background', 'followups'] as const;

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}
