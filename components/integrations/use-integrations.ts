'use client';
// Server state of the Integrations page: the connections (refreshed every half minute, so the
// health figures stay current), the pipelines to bind to, and the changes to a connection.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiGet } from '@/components/agents/api-client';
import { integrationKeys, type ChannelKind, type Integration, type PipelineOption } from './types';

export function useIntegrations() {
  return useQuery({
    queryKey: integrationKeys.list(),
    queryFn: ({ signal }) => apiGet<{ data: Integration[] }>('/api/integrations', signal).then((r) => r.data),
    refetchInterval: 30_000,
  });
}

export function usePipelineOptions() {
  return useQuery({
    queryKey: integrationKeys.pipelines(),
    queryFn: ({ signal }) =>
      apiGet<{ pipelines: (PipelineOption & { is_active?: boolean })[] }>('/api/pipelines', signal).then((r) =>
        r.pipelines.filter((p) => p.is_active !== false).map(({ id, name, is_default }) => ({ id, name, is_default })),
      ),
  });
}

/** The contract answers with the Integration itself; `{ integration }` is accepted too. */
const unwrap = (r: Integration | { integration: Integration }): Integration => ('integration' in r && r.integration ? r.integration : (r as Integration));

/** Puts a connection the API returned into the cached list (replacing the same type's). */
function useStore() {
  const qc = useQueryClient();
  return (saved: Integration) =>
    qc.setQueryData<Integration[]>(integrationKeys.list(), (list) => [...(list ?? []).filter((i) => i.type !== saved.type), saved]);
}

export function useConnect(type: ChannelKind) {
  const store = useStore();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Integration | { integration: Integration }>('POST', `/api/integrations/${type}/connect`, body).then(unwrap),
    onSuccess: store,
  });
}

export function useToggleIntegration(type: string) {
  const store = useStore();
  return useMutation({
    mutationFn: (is_active: boolean) => api<Integration | { integration: Integration }>('PATCH', `/api/integrations/${type}/toggle`, { is_active }).then(unwrap),
    onSuccess: store,
  });
}

export function usePatchConfig(type: string) {
  const store = useStore();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Integration | { integration: Integration }>('PATCH', `/api/integrations/${type}/config`, body).then(unwrap),
    onSuccess: store,
  });
}

export function useDisconnect(type: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ disconnected: true }>('DELETE', `/api/integrations/${type}/disconnect`),
    onSuccess: () => qc.setQueryData<Integration[]>(integrationKeys.list(), (list) => (list ?? []).filter((i) => i.type !== type)),
  });
}
