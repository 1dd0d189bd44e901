'use client';
// Inviting without mail (production, no SMTP): a notice before sending, and the
// link to pass on by hand afterwards.
import { useTranslations } from 'next-intl';
import { CopyIcon, MailWarningIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { DialogFooter } from '@/components/ui/dialog';
import { toast } from '@/components/ui/sonner';

export function MailOffNotice() {
  const t = useTranslations('team.mailOff');
  return (
    <div className="flex items-start gap-3 rounded-lg border border-amber-500/40 bg-amber-500/10 p-3" role="note" data-testid="mail-off-notice">
      <MailWarningIcon className="mt-0.5 size-4 shrink-0 text-amber-600 dark:text-amber-400" aria-hidden />
      <p className="text-sm leading-relaxed">{t('notice')}</p>
    </div>
  );
}

export function InviteLinkPanel({ email, url, onDone }: { email: string; url: string; onDone: () => void }) {
  const t = useTranslations('team.mailOff');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      toast.success(t('copied'));
    } catch {
      // Clipboard refused (http, permissions): the field stays selectable.
    }
  };
  return (
    <div className="grid gap-4" data-testid="invite-link-panel">
      <div>
        <p className="font-medium">{t('linkTitle')}</p>
        <p className="mt-1 text-sm text-muted-foreground">{t('linkHint', { email })}</p>
      </div>
      <div className="flex gap-2">
        <Input readOnly value={url} onFocus={(e) => e.currentTarget.select()} aria-label={t('linkTitle')} data-testid="invite-link" />
        <Button type="button" variant="outline" size="icon" onClick={copy} aria-label={t('copy')} title={t('copy')}>
          <CopyIcon aria-hidden />
        </Button>
      </div>
      <DialogFooter>
        <Button type="button" onClick={onDone} data-testid="invite-link-done">
          {t('done')}
        </Button>
      </DialogFooter>
    </div>
  );
}
