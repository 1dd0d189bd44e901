'use client';
// Theme tiles with a small preview each; the choice applies at once and is saved on the user.
import { useEffect, useState } from 'react';
import { useTheme } from 'next-themes';
import { useTranslations } from 'next-intl';
import { RadioGroup as RadioPrimitive } from 'radix-ui';
import { CheckIcon } from 'lucide-react';
import { cn } from '@/lib/utils/cn';
import { THEME_OPTIONS, useApplyTheme, type ThemeChoice } from '@/components/preferences/theme-toggle';

function Preview({ dark }: { dark: boolean }) {
  return (
    <div className={cn('flex h-full w-full gap-1.5 rounded-md p-2', dark ? 'bg-[#15161f]' : 'bg-[#f4f4f8]')}>
      <div className={cn('w-1/4 rounded-sm', dark ? 'bg-[#232432]' : 'bg-white')} />
      <div className="flex flex-1 flex-col gap-1.5">
        <div className={cn('h-2 w-3/5 rounded-sm', dark ? 'bg-[#3a3b4d]' : 'bg-[#dcdce6]')} />
        <div className={cn('flex-1 rounded-sm', dark ? 'bg-[#232432]' : 'bg-white')} />
        <div className="h-2 w-1/3 rounded-sm bg-[#5b5bd6]" />
      </div>
    </div>
  );
}

export function AppearanceSettings({ savedTheme }: { savedTheme: string }) {
  const t = useTranslations('common.theme');
  const { theme } = useTheme();
  const apply = useApplyTheme(true);
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const value = mounted ? (theme ?? savedTheme) : savedTheme;

  return (
    <RadioPrimitive.Root
      value={value}
      onValueChange={(v) => void apply(v as ThemeChoice)}
      aria-label={t('label')}
      className="grid grid-cols-1 gap-3 sm:grid-cols-3"
    >
      {THEME_OPTIONS.map(({ value: option, icon: Icon }) => (
        <RadioPrimitive.Item
          key={option}
          value={option}
          data-testid={`settings-theme-${option}`}
          className="group relative flex flex-col gap-3 rounded-lg border bg-background p-2.5 text-left outline-none transition-[border-color,box-shadow] hover:border-ring/50 focus-visible:ring-[3px] focus-visible:ring-ring/50 data-[state=checked]:border-primary data-[state=checked]:ring-1 data-[state=checked]:ring-primary dark:bg-card"
        >
          <div className="h-20 overflow-hidden rounded-md border">
            {option === 'system' ? (
              <div className="relative h-full">
                <div className="absolute inset-0 [clip-path:inset(0_50%_0_0)]">
                  <Preview dark={false} />
                </div>
                <div className="absolute inset-0 [clip-path:inset(0_0_0_50%)]">
                  <Preview dark />
                </div>
              </div>
            ) : (
              <Preview dark={option === 'dark'} />
            )}
          </div>
          <span className="flex items-center gap-2 px-1 pb-0.5 text-sm font-medium">
            <Icon className="size-4 text-muted-foreground" aria-hidden />
            {t(option)}
            <span className="ml-auto flex size-4 items-center justify-center rounded-full border group-data-[state=checked]:border-primary group-data-[state=checked]:bg-primary">
              <CheckIcon className="size-3 text-primary-foreground opacity-0 group-data-[state=checked]:opacity-100" aria-hidden />
            </span>
          </span>
        </RadioPrimitive.Item>
      ))}
    </RadioPrimitive.Root>
  );
}
