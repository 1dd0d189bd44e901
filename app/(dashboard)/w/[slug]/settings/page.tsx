import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { SettingsSection } from '@/components/settings/settings-section';
import { AppearanceSettings } from '@/components/settings/appearance-settings';
import { LanguageSettings } from '@/components/settings/language-settings';
import { AgentSettingsForm } from '@/components/settings/agent-settings-form';
import { TimeZoneForm } from '@/components/settings/time-zone-form';
import { can } from '@/lib/auth/permissions';
import { supportedTimeZones } from '@/lib/i18n/format-time';
import { getCaller } from '../caller';

export const generateMetadata = () => sectionMetadata('settings');

export default async function SettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const caller = await getCaller(params);
  const t = await getTranslations('settings');
  const ws = caller.workspace;
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
            zones={supportedTimeZones().includes(ws.timeZone) ? supportedTimeZones() : [ws.timeZone, ...supportedTimeZones()]}
            nowIso={new Date().toISOString()}
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
      </div>
    </div>
  );
}
