import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { SettingsSection } from '@/components/settings/settings-section';
import { AppearanceSettings } from '@/components/settings/appearance-settings';
import { LanguageSettings } from '@/components/settings/language-settings';
import { AgentSettingsForm } from '@/components/settings/agent-settings-form';
import { TimeZoneForm } from '@/components/settings/time-zone-form';
import { can } from '@/lib/auth/permissions';
import { gmtLabel, supportedTimeZones, timeFormatter } from '@/lib/i18n/format-time';
import { isLocale } from '@/lib/i18n/config';
import { getLocale } from 'next-intl/server';
import { CrmSettingsLinks } from '@/components/crm/setup/crm-settings-links';
import { AiProviderSection } from '@/components/settings/ai-provider-section';
import { BackgroundWorkSection } from '@/components/settings/background-work-section';
import { getCaller } from '../caller';

export const generateMetadata = () => sectionMetadata('settings');

/** Every supported zone (and the current one) with its offset now, worded here on the server. */
function zoneOptions(current: string, now: Date) {
  const ids = supportedTimeZones();
  return (ids.includes(current) ? ids : [current, ...ids]).map((id) => ({ id, label: `${id.replace(/_/g, ' ')} (${gmtLabel(now, id)})` }));
}

export default async function SettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const caller = await getCaller(params);
  const t = await getTranslations('settings');
  const tc = await getTranslations('crmSetup');
  const ta = await getTranslations('aiSettings');
  const tb = await getTranslations('background');
  const ws = caller.workspace;
  const locale = await getLocale();
  const time = timeFormatter(isLocale(locale) ? locale : 'ru', ws.timeZone);
  const now = new Date();
  return (
    <div className="space-y-8">
      <PageHeader title={t('title')} description={t('subtitle')} />
      <div className="space-y-6">
        <SettingsSection title={t('appearance.title')} description={t('appearance.description')} testId="settings-appearance">
          <AppearanceSettings savedTheme={caller.user.theme} />
        </SettingsSection>
        <SettingsSection title={t('language.title')} description={t('language.description')} testId="settings-language">
          <LanguageSettings />
        </SettingsSection>
        <SettingsSection title={t('timeZone.title')} description={t('timeZone.description')} testId="settings-time-zone">
          <TimeZoneForm
            timeZone={ws.timeZone}
            zones={zoneOptions(ws.timeZone, now)}
            now={t('timeZone.now', { time: time.dateTime(now), zone: time.zoneLabel(now) })}
            canWrite={can(caller.role, 'settings.write')}
          />
        </SettingsSection>
        <SettingsSection title={t('agents.title')} description={t('agents.description')} testId="settings-agents">
          <AgentSettingsForm
            stopOnHumanReply={ws.stopOnHumanReply}
            autoResumeAfter={ws.autoResumeAfter}
            autoResumeUnit={ws.autoResumeUnit}
            canWrite={can(caller.role, 'settings.write')}
          />
        </SettingsSection>
        <SettingsSection title={ta('title')} description={ta('description')} testId="settings-ai-provider">
          <AiProviderSection canManage={can(caller.role, 'ai.keys')} />
        </SettingsSection>
        <SettingsSection title={tc('title')} description={tc('settingsDescription')} testId="settings-crm">
          <CrmSettingsLinks />
        </SettingsSection>
        {can(caller.role, 'audit.read') && (
          <SettingsSection title={tb('title')} description={tb('description')} testId="settings-background-work">
            <BackgroundWorkSection />
          </SettingsSection>
        )}
      </div>
    </div>
  );
}
