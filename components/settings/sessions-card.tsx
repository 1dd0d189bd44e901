'use client';
// The profile's "Active sessions": where the user is signed in to the dashboard,
// with "sign out" per session and "sign out everywhere".
import { useCallback, useEffect, useState } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import { LogOutIcon, MonitorSmartphoneIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { ConfirmDelete } from '@/components/agents/confirm-delete';
import { api, apiGet } from '@/components/agents/api-client';
import { SettingsSection } from './settings-section';
import { deviceName } from './device-name';

interface Session {
  id: string;
  user_agent: string | null;
  ip_address: string | null;
  created_at: string;
  last_seen_at: string;
  current: boolean;
}

export function SessionsCard() {
  const t = useTranslations('profile.sessions');
  const common = useTranslations('common');
  const format = useFormatter();
  const [sessions, setSessions] = useState<Session[]>();
  const [busy, setBusy] = useState<string>();
  const [confirmAll, setConfirmAll] = useState(false);

  const load = useCallback(async () => {
    try {
      setSessions((await apiGet<{ sessions: Session[] }>('/api/user/sessions')).sessions);
    } catch {
      toast.error(common('errors.generic'));
    }
  }, [common]);

  useEffect(() => {
    void load();
  }, [load]);

  const signOut = async (s: Session) => {
    setBusy(s.id);
    try {
      await api('DELETE', `/api/user/sessions/${s.id}`);
      if (s.current) return window.location.assign('/login');
      toast.success(t('signedOut'));
      await load();
    } catch {
      toast.error(common('errors.generic'));
    } finally {
      setBusy(undefined);
    }
  };

  const signOutEverywhere = async () => {
    setBusy('all');
    try {
      await api('POST', '/api/user/sessions/revoke-all');
      // This browser's session ended too.
      window.location.assign('/login');
    } catch {
      toast.error(common('errors.generic'));
      setBusy(undefined);
    }
  };

  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <SettingsSection title={t('title')} description={t('description')} testId="sessions-card">
      {!sessions ? (
        <div className="flex justify-center py-6">
          <Spinner aria-hidden />
        </div>
      ) : sessions.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t('empty')}</p>
      ) : (
        <div className="grid gap-4">
          <ul className="divide-y rounded-lg border" data-testid="sessions-list">
            {sessions.map((s) => {
              const device = deviceName(s.user_agent);
              return (
                <li key={s.id} className="flex flex-wrap items-start gap-3 p-4" data-testid="session-row" data-current={s.current}>
                  <MonitorSmartphoneIcon className="mt-0.5 size-5 shrink-0 text-muted-foreground" aria-hidden />
                  <div className="min-w-0 flex-1 space-y-1">
                    <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                      <span className="truncate" title={s.user_agent ?? undefined}>
                        {device ? t('browserOn', device) : t('unknownDevice')}
                      </span>
                      {s.current && (
                        <Badge variant="secondary" data-testid="session-current">
                          {t('current')}
                        </Badge>
                      )}
                    </p>
                    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs text-muted-foreground">
                      <dt>{t('ip')}</dt>
                      <dd className="tabular-nums">{s.ip_address ?? '—'}</dd>
                      <dt>{t('created')}</dt>
                      <dd>{when(s.created_at)}</dd>
                      <dt>{t('lastSeen')}</dt>
                      <dd>{when(s.last_seen_at)}</dd>
                    </dl>
                  </div>
                  {!s.current && (
                    <Button
                      variant="outline"
                      size="sm"
                      onClick={() => void signOut(s)}
                      disabled={!!busy}
                      data-testid="session-sign-out"
                    >
                      {busy === s.id ? <Spinner aria-hidden /> : <LogOutIcon aria-hidden />}
                      {t('signOut')}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
          <div>
            <Button variant="destructive" onClick={() => setConfirmAll(true)} disabled={!!busy} data-testid="sessions-sign-out-everywhere">
              <LogOutIcon aria-hidden />
              {t('signOutEverywhere')}
            </Button>
          </div>
        </div>
      )}
      <ConfirmDelete
        open={confirmAll}
        onOpenChange={setConfirmAll}
        title={t('signOutEverywhere')}
        description={t('confirmEverywhere')}
        pending={busy === 'all'}
        onConfirm={() => void signOutEverywhere()}
        confirmLabel={t('signOutEverywhere')}
      />
    </SettingsSection>
  );
}
