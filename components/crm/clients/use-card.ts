'use client';
// The client card query and the mutations of its sections (each refreshes the card and its timeline).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { clientKeys, type Client } from './types';

export function useClientCard(id: string) {
  return useQuery({
    queryKey: clientKeys.card(id),
    queryFn: ({ signal }) => apiGet<{ client: Client }>(`/api/clients/${id}`, signal).then((r) => r.client),
    staleTime: 5_000,
  });
}

export function useRefreshCard(id: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: clientKeys.card(id) });
    void qc.invalidateQueries({ queryKey: clientKeys.events(id) });
    void qc.invalidateQueries({ queryKey: ['clients', 'list'] });
  };
}

/** A section's change: refresh on success, toast the error (unless the caller shows it itself). */
export function useCardMutation<I, R = unknown>(
  clientId: string,
  fn: (input: I) => Promise<R>,
  opts: { onSuccess?: (r: R) => void; onError?: (e: unknown) => boolean | void } = {},
) {
  const refresh = useRefreshCard(clientId);
  const toastError = useErrorToast();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      refresh();
      opts.onSuccess?.(r);
    },
    onError: (e) => {
      if (opts.onError?.(e) !== true) toastError(e);
    },
  });
}
