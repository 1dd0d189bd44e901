'use client';
// PATCH the client with the version it was read at; a stale version says so and reloads the card.
import { useTranslations } from 'next-intl';
import { api, ApiError } from '@/components/agents/api-client';
import { toast } from '@/components/ui/sonner';
import type { Client } from './types';
import { useCardMutation, useRefreshCard } from './use-card';

export function usePatchClient(client: Client, onSuccess?: () => void) {
  const t = useTranslations('clients.form');
  const refresh = useRefreshCard(client.id);
  return useCardMutation(client.id, (body: Record<string, unknown>) => api<{ client: Client }>('PATCH', `/api/clients/${client.id}`, { ...body, version: client.version }), {
    onSuccess,
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'stale_version') {
        toast.error(t('stale'));
        refresh();
        return true;
      }
    },
  });
}
