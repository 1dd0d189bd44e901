'use client';
// The Integrations page: a card per messenger channel (Telegram, WhatsApp, site chat) with its
// status and health, and the connect dialogs. Viewers and members see it read-only.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { CircleAlertIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { ViewerNote } from '@/components/agents/viewer-note';
import { ConnectTelegramDialog } from './connect-telegram-dialog';
import { ConnectWhatsappDialog } from './connect-whatsapp-dialog';
import { IntegrationCard } from './integration-card';
import { useIntegrations } from './use-integrations';
import { WebChatDialog } from './web-chat-dialog';
import { CHANNEL_KINDS, type ChannelKind } from './types';

export function IntegrationsPage({ canWrite }: { canWrite: boolean }) {
  const t = useTranslations('integrations');
  const { data, isPending, isError, refetch, isFetching } = useIntegrations();
  const [dialog, setDialog] = useState<ChannelKind | null>(null);
  const byType = (type: ChannelKind) => data?.find((i) => i.type === type) ?? null;
  const close = () => setDialog(null);

  return (
    <div className="space-y-6" data-testid="integrations-page">
      <PageHeader title={t('title')} description={t('description')} />
      {!canWrite && <ViewerNote />}
      {isPending ? (
        <div className="grid gap-4 lg:grid-cols-2 2xl:grid-cols-3" aria-busy="true">
          {CHANNEL_KINDS.map((k) => (
            <Skeleton key={k} className="h-56 rounded-xl" />
          ))}
        </div>
      ) : isError ? (
        <EmptyState
          icon={<CircleAlertIcon />}
          title={t('loadFailed')}
          action={
            <Button variant="outline" onClick={() => refetch()} disabled={isFetching}>
              {t('actions.retry')}
            </Button>
          }
          data-testid="integrations-error"
        />
      ) : (
        <div className="grid items-start gap-4 lg:grid-cols-2 2xl:grid-cols-3">
          {CHANNEL_KINDS.map((type) => (
            <IntegrationCard key={type} type={type} integration={byType(type)} canWrite={canWrite} onConnect={() => setDialog(type)} />
          ))}
        </div>
      )}
      {canWrite && (
        <>
          <ConnectTelegramDialog open={dialog === 'telegram'} onClose={close} existing={byType('telegram')} />
          <ConnectWhatsappDialog open={dialog === 'whatsapp'} onClose={close} existing={byType('whatsapp')} />
          <WebChatDialog open={dialog === 'web_chat'} onClose={close} existing={byType('web_chat')} />
        </>
      )}
    </div>
  );
}
