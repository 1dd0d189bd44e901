'use client';
// Once per page load: the saved theme and language win over what this browser remembered.
import { useEffect, useRef } from 'react';
import { useRouter } from 'next/navigation';
import { useTheme } from 'next-themes';
import { setLocaleAction } from '@/app/(auth)/actions';
import { isLocale } from '@/lib/i18n/config';

export function PreferenceSync({
  savedTheme,
  savedLocale,
  currentLocale,
}: {
  savedTheme: string;
  savedLocale: string;
  currentLocale: string;
}) {
  const { theme, setTheme } = useTheme();
  const router = useRouter();
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    if (savedTheme && theme !== savedTheme) setTheme(savedTheme);
    if (isLocale(savedLocale) && savedLocale !== currentLocale) {
      void setLocaleAction({ locale: savedLocale }).then((r) => {
        if (r?.data) router.refresh();
      });
    }
    // Only the first render's values matter; later changes come from the user's own choices.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return null;
}
