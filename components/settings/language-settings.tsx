'use client';
import { useLocale, useTranslations } from 'next-intl';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Spinner } from '@/components/ui/spinner';
import { LOCALES, type Locale } from '@/lib/i18n/config';
import { useChangeLocale } from '@/components/preferences/locale-switcher';

export function LanguageSettings() {
  const t = useTranslations('common.locale');
  const locale = useLocale() as Locale;
  const { change, pending } = useChangeLocale(true);
  return (
    <div className="flex max-w-xs items-center gap-3">
      <Select value={locale} onValueChange={(v) => change(v as Locale)} disabled={pending}>
        <SelectTrigger aria-label={t('label')} data-testid="settings-locale-select">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {LOCALES.map((l) => (
            <SelectItem key={l} value={l} data-testid={`settings-locale-option-${l}`}>
              {t(l)}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      {pending && <Spinner className="text-muted-foreground" />}
    </div>
  );
}
