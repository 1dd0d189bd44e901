'use client';
// Light / dark / system switch; in the dashboard the choice is also saved on the user.
import { useTheme } from 'next-themes';
import { useTranslations } from 'next-intl';
import { MonitorIcon, MoonIcon, SunIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { toast } from '@/components/ui/sonner';
import { savePreferencesAction } from '@/app/(dashboard)/w/[slug]/actions';

export const THEME_OPTIONS = [
  { value: 'light', icon: SunIcon },
  { value: 'dark', icon: MoonIcon },
  { value: 'system', icon: MonitorIcon },
] as const;
export type ThemeChoice = (typeof THEME_OPTIONS)[number]['value'];

/** Applies a theme at once and, when `persist`, saves it on the user (toast on failure). */
export function useApplyTheme(persist: boolean) {
  const { setTheme } = useTheme();
  const t = useTranslations('common');
  return async (theme: ThemeChoice) => {
    setTheme(theme);
    if (!persist) return true;
    const result = await savePreferencesAction({ theme });
    if (result?.serverError) {
      toast.error(t('errors.saveFailed'));
      return false;
    }
    return true;
  };
}

export function ThemeToggle({ persist = false }: { persist?: boolean }) {
  const t = useTranslations('common.theme');
  const { theme } = useTheme();
  const apply = useApplyTheme(persist);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={t('toggle')} title={t('toggle')} data-testid="theme-toggle">
          <SunIcon className="dark:hidden" aria-hidden />
          <MoonIcon className="hidden dark:block" aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="min-w-44">
        <DropdownMenuRadioGroup value={theme ?? 'system'} onValueChange={(v) => void apply(v as ThemeChoice)}>
          {THEME_OPTIONS.map(({ value, icon: Icon }) => (
            <DropdownMenuRadioItem key={value} value={value} data-testid={`theme-option-${value}`}>
              <Icon aria-hidden />
              {t(value)}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
