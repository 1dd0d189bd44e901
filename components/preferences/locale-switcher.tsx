'use client';
// ru / en / kk: sets the `locale` cookie (and, in the dashboard, the user's saved locale), then re-renders.
import { useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { LanguagesIcon } from 'lucide-react';
import { Select, SelectContent, SelectItem, SelectTrigger } from '@/components/ui/select';
import { toast } from '@/components/ui/sonner';
import { cn } from '@/lib/utils/cn';
import { LOCALES, type Locale } from '@/lib/i18n/config';
import { setLocaleAction } from '@/app/(auth)/actions';
import { savePreferencesAction } from '@/app/(dashboard)/w/[slug]/actions';

/** Changes the UI language; `persist` also saves it on the signed-in user. */
export function useChangeLocale(persist: boolean) {
  const router = useRouter();
  const t = useTranslations('common');
  const [pending, startTransition] = useTransition();
  const change = (locale: Locale) =>
    startTransition(async () => {
      const result = persist ? await savePreferencesAction({ locale }) : await setLocaleAction({ locale });
      if (result?.serverError || result?.validationErrors) {
        toast.error(t('errors.saveFailed'));
        return;
      }
      router.refresh();
    });
  return { change, pending };
}

export function LocaleSwitcher({ persist = false, className }: { persist?: boolean; className?: string }) {
  const t = useTranslations('common.locale');
  const locale = useLocale() as Locale;
  const { change, pending } = useChangeLocale(persist);
  return (
    <Select value={locale} onValueChange={(v) => change(v as Locale)} disabled={pending}>
      <SelectTrigger
        size="sm"
        aria-label={t('label')}
        data-testid="locale-select"
        className={cn('w-auto gap-1.5 border-transparent bg-transparent px-2 shadow-none hover:bg-accent dark:bg-transparent', className)}
      >
        <LanguagesIcon className="text-muted-foreground" aria-hidden />
        <span className="text-xs font-semibold uppercase">{locale}</span>
      </SelectTrigger>
      <SelectContent align="end" className="min-w-40">
        {LOCALES.map((l) => (
          <SelectItem key={l} value={l} data-testid={`locale-option-${l}`}>
            {t(l)}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
