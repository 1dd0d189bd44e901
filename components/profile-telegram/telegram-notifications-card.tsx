'use client';
// Profile: "Notifications in Telegram" (seed 003). The member links their own Telegram chat
// to the workspace's bot with a one-time link (10 minutes): the card waits for the bot to
// confirm, then shows the linked chat with "unlink". New leads, drafts waiting, handovers,
// agent errors and quota notices then arrive in that chat with a link back here.
import { useEffect, useState } from 'react';
import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { BellRingIcon, CheckCircle2Icon, ExternalLinkIcon, RefreshCwIcon, SendIcon, UnlinkIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { ConfirmDelete } from '@/components/agents/confirm-delete';
import { api, apiGet } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { SettingsSection } from '@/components/settings/settings-section';

interface LinkStatus {
  available: boolean;
  bot_username: string | null;
  linked: boolean;
  chat_username: string | null;
  linked_at: string | null;
}
interface LinkCode {
  code: string;
  expires_at: string;
  deep_link: string;
}

const KEY = ['user-telegram'] as const;
const KINDS = ['new_lead', 'draft_pending', 'handover_requested', 'agent_error', 'quota_exceeded'] as const;

export function TelegramNotificationsCard({ integrationsHref }: { integrationsHref: string }) {
  const t = useTranslations('ownerTelegram');
  const format = useFormatter();
  const qc = useQueryClient();
  const errorToast = useErrorToast();
  const [pending, setPending] = useState<LinkCode | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const waiting = !!pending && new Date(pending.expires_at).getTime() > now;

  const status = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => apiGet<LinkStatus>('/api/user/telegram', signal),
    // While a link is open, look every few seconds whether the bot confirmed it.
    refetchInterval: waiting ? 3000 : false,
  });

  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [pending]);

  const linkedAt = status.data?.linked_at ?? null;
  useEffect(() => {
    // The bot confirmed a code opened here: done.
    if (pending && status.data?.linked && linkedAt && new Date(linkedAt).getTime() >= new Date(pending.expires_at).getTime() - 10 * 60_000) {
      setPending(null);
      toast.success(t('linkedToast'));
    }
  }, [pending, status.data?.linked, linkedAt, t]);

  const createLink = useMutation({
    mutationFn: () => api<LinkCode>('POST', '/api/user/telegram/link'),
    onSuccess: (code) => {
      setNow(Date.now());
      setPending(code);
    },
    onError: errorToast,
  });
  const unlink = useMutation({
    mutationFn: () => api<{ unlinked: true }>('DELETE', '/api/user/telegram'),
    onSuccess: () => {
      setConfirm(false);
      setPending(null);
      toast.success(t('unlinkedToast'));
      void qc.invalidateQueries({ queryKey: KEY });
    },
    onError: errorToast,
  });

  const data = status.data;
  const minutesLeft = pending ? Math.max(0, Math.ceil((new Date(pending.expires_at).getTime() - now) / 60_000)) : 0;

  return (
    <SettingsSection title={t('title')} description={t('description')} testId="telegram-notifications-card">
      {!data ? (
        <div className="flex justify-center py-6">
          {status.isError ? <p className="text-sm text-destructive">{t('loadError')}</p> : <Spinner aria-hidden />}
        </div>
      ) : (
        <div className="grid gap-5">
          <ul className="grid gap-1.5 text-sm text-muted-foreground" aria-label={t('kindsLabel')}>
            {KINDS.map((k) => (
              <li key={k} className="flex items-center gap-2">
                <BellRingIcon className="size-3.5 shrink-0" aria-hidden />
                {t(`kinds.${k}`)}
              </li>
            ))}
          </ul>

          {!data.available && !data.linked ? (
            <div className="rounded-lg border border-dashed p-4 text-sm" data-testid="telegram-unavailable">
              <p className="text-muted-foreground">{t('unavailable')}</p>
              <Button asChild variant="link" className="h-auto px-0">
                <Link href={integrationsHref}>{t('toIntegrations')}</Link>
              </Button>
            </div>
          ) : data.linked && !waiting ? (
            <div className="flex flex-wrap items-center gap-3 rounded-lg border p-4" data-testid="telegram-linked">
              <CheckCircle2Icon className="size-5 shrink-0 text-emerald-600 dark:text-emerald-400" aria-hidden />
              <div className="min-w-0 flex-1 space-y-0.5">
                <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                  {t('linkedTo')}
                  <Badge variant="secondary" data-testid="telegram-chat">
                    {data.chat_username ? `@${data.chat_username}` : t('chatWithoutUsername')}
                  </Badge>
                </p>
                {data.linked_at && (
                  <p className="text-xs text-muted-foreground">
                    {t('linkedSince', { date: format.dateTime(new Date(data.linked_at), { dateStyle: 'medium', timeStyle: 'short' }) })}
                  </p>
                )}
              </div>
              <div className="flex flex-wrap gap-2">
                {data.available && (
                  <Button variant="outline" size="sm" onClick={() => createLink.mutate()} disabled={createLink.isPending}>
                    {createLink.isPending ? <Spinner aria-hidden /> : <RefreshCwIcon aria-hidden />}
                    {t('relink')}
                  </Button>
                )}
                <Button variant="outline" size="sm" onClick={() => setConfirm(true)} data-testid="telegram-unlink">
                  <UnlinkIcon aria-hidden />
                  {t('unlink')}
                </Button>
              </div>
            </div>
          ) : waiting && pending ? (
            <div className="grid gap-3 rounded-lg border p-4" data-testid="telegram-pending">
              <ol className="grid list-decimal gap-1 pl-5 text-sm">
                <li>{t('step1', { bot: `@${data.bot_username ?? ''}` })}</li>
                <li>{t('step2')}</li>
              </ol>
              <div className="flex flex-wrap items-center gap-3">
                <Button asChild data-testid="telegram-deep-link">
                  <a href={pending.deep_link} target="_blank" rel="noopener noreferrer">
                    <SendIcon aria-hidden />
                    {t('openTelegram')}
                    <ExternalLinkIcon className="opacity-70" aria-hidden />
                  </a>
                </Button>
                <span className="flex items-center gap-2 text-xs text-muted-foreground" aria-live="polite">
                  <Spinner className="size-3.5" aria-hidden />
                  {t('waiting', { minutes: minutesLeft })}
                </span>
              </div>
              <p className="break-all text-xs text-muted-foreground">
                {t('manual')} <code className="rounded bg-muted px-1 py-0.5 font-mono">/start {pending.code}</code>
              </p>
            </div>
          ) : (
            <div className="grid gap-3">
              {pending && <p className="text-sm text-amber-700 dark:text-amber-400">{t('expired')}</p>}
              <div>
                <Button onClick={() => createLink.mutate()} disabled={createLink.isPending} data-testid="telegram-link">
                  {createLink.isPending ? <Spinner aria-hidden /> : <SendIcon aria-hidden />}
                  {pending ? t('newLink') : t('link')}
                </Button>
              </div>
            </div>
          )}
        </div>
      )}
      <ConfirmDelete
        open={confirm}
        onOpenChange={setConfirm}
        title={t('unlinkTitle')}
        description={t('unlinkDescription')}
        confirmLabel={t('unlink')}
        pending={unlink.isPending}
        onConfirm={() => unlink.mutate()}
      />
    </SettingsSection>
  );
}
