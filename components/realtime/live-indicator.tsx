'use client';
// Shown only while the live stream is down for more than a moment: a small pill at the bottom,
// so a user knows the page may be behind. Nothing at all while everything is live.
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { WifiOffIcon } from 'lucide-react';
import type { LiveStatus } from './live-event-types';

const GRACE_MS = 4_000;

export function LiveIndicator({ status }: { status: LiveStatus }) {
  const t = useTranslations('realtime');
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (status !== 'reconnecting') {
      setVisible(false);
      return;
    }
    const timer = setTimeout(() => setVisible(true), GRACE_MS);
    return () => clearTimeout(timer);
  }, [status]);
  return (
    <>
      <span data-testid="live-status" data-status={status} className="sr-only" aria-live="polite">
        {status === 'live' ? t('live') : status === 'connecting' ? t('connecting') : t('reconnecting')}
      </span>
      {visible && (
        <div
          aria-hidden
          className="fixed bottom-4 left-1/2 z-50 flex -translate-x-1/2 items-center gap-2 rounded-full border bg-background px-3 py-1.5 text-xs text-muted-foreground shadow-md"
          data-testid="live-reconnecting"
        >
          <WifiOffIcon className="size-3.5 text-amber-500" aria-hidden />
          {t('reconnecting')}
        </div>
      )}
    </>
  );
}
