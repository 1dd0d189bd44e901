'use client';
// The client's channel identities: list, add (a taken id answers 409 channel_taken), remove.
import { useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { PlusIcon, XIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { api } from '@/components/agents/api-client';
import { useErrorText } from '@/components/agents/use-api-errors';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';
import { CHANNEL_TYPES, type ChannelType, type Client } from './types';
import { ChannelIcon } from './display';
import { CardSection, Muted } from './card-section';
import { useCardMutation } from './use-card';
import { conflictClientId } from './use-server-fields';

export function CardChannels({ client, canWrite }: { client: Client; canWrite: boolean }) {
  const t = useTranslations('clients.card.channels');
  const tc = useTranslations('clients.channels');
  const wsHref = useWorkspaceHref();
  const errorText = useErrorText();
  const [adding, setAdding] = useState(false);
  const [type, setType] = useState<ChannelType>('telegram');
  const [externalId, setExternalId] = useState('');
  const [error, setError] = useState<{ text: string; clientId: string | null } | null>(null);
  const add = useCardMutation(client.id, () => api('POST', `/api/clients/${client.id}/channels`, { channel_type: type, external_id: externalId.trim() }), {
    onSuccess: () => {
      setExternalId('');
      setAdding(false);
      setError(null);
    },
    onError: (e) => {
      setError({ text: errorText(e), clientId: conflictClientId(e) });
      return true;
    },
  });
  const remove = useCardMutation(client.id, (channelId: string) => api('DELETE', `/api/clients/${client.id}/channels/${channelId}`));

  return (
    <CardSection
      title={t('title')}
      testId="card-channels"
      action={
        canWrite &&
        !adding && (
          <Button size="sm" variant="ghost" onClick={() => setAdding(true)} data-testid="channel-add">
            <PlusIcon aria-hidden />
            {t('add')}
          </Button>
        )
      }
    >
      {client.channels.length === 0 && !adding && <Muted>{t('empty')}</Muted>}
      <ul className="space-y-2">
        {client.channels.map((ch) => (
          <li key={ch.id} className="flex items-center gap-2 text-sm" data-testid="channel-item">
            <ChannelIcon type={ch.channel_type} />
            <span className="text-muted-foreground">{tc.has(ch.channel_type) ? tc(ch.channel_type) : ch.channel_type}</span>
            <span className="min-w-0 flex-1 truncate font-medium">{ch.username ? `@${ch.username.replace(/^@/, '')}` : ch.external_id}</span>
            {canWrite && (
              <Button
                size="icon"
                variant="ghost"
                className="size-7"
                aria-label={t('remove')}
                disabled={remove.isPending}
                onClick={() => remove.mutate(ch.id)}
                data-testid="channel-remove"
              >
                <XIcon aria-hidden />
              </Button>
            )}
          </li>
        ))}
      </ul>
      {adding && (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (externalId.trim()) add.mutate(undefined);
          }}
        >
          <div className="flex flex-col gap-2 sm:flex-row">
            <Select value={type} onValueChange={(v) => setType(v as ChannelType)}>
              <SelectTrigger className="w-full sm:w-36" aria-label={t('type')} data-testid="channel-type">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {CHANNEL_TYPES.map((c) => (
                  <SelectItem key={c} value={c}>
                    {tc(c)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            <Input value={externalId} onChange={(e) => setExternalId(e.target.value)} placeholder={t('idPlaceholder')} aria-label={t('idPlaceholder')} data-testid="channel-id" />
          </div>
          {error && (
            <p className="text-sm text-destructive" role="alert" data-testid="channel-error">
              {error.text}{' '}
              {error.clientId && (
                <Link className="underline" href={wsHref(`/clients/${error.clientId}`)}>
                  {t('openOwner')}
                </Link>
              )}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button type="button" size="sm" variant="outline" onClick={() => (setAdding(false), setError(null))}>
              {t('cancel')}
            </Button>
            <Button type="submit" size="sm" disabled={add.isPending || !externalId.trim()} data-testid="channel-save">
              {t('save')}
            </Button>
          </div>
        </form>
      )}
    </CardSection>
  );
}
