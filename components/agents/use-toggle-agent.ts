'use client';
// Optimistic on/off for an agent: every cached list and the detail flip at once, and roll back on failure.
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api } from './api-client';
import { agentKeys, type AgentListResponse, type FullAgent } from './types';
import { useErrorToast } from './use-api-errors';

interface Vars {
  id: string;
  is_active: boolean;
}

export function useToggleAgent() {
  const qc = useQueryClient();
  const showError = useErrorToast();
  return useMutation({
    mutationFn: ({ id, is_active }: Vars) => api<{ agent: FullAgent }>('PATCH', `/api/agents/${id}/toggle`, { is_active }),
    onMutate: async ({ id, is_active }) => {
      await qc.cancelQueries({ queryKey: agentKeys.all });
      const lists = qc.getQueriesData<AgentListResponse>({ queryKey: agentKeys.lists() });
      const detail = qc.getQueryData<FullAgent>(agentKeys.detail(id));
      for (const [key, data] of lists) {
        if (!data) continue;
        qc.setQueryData<AgentListResponse>(key, {
          ...data,
          agents: data.agents.map((a) => (a.id === id ? { ...a, is_active } : a)),
        });
      }
      if (detail) qc.setQueryData<FullAgent>(agentKeys.detail(id), { ...detail, is_active });
      return { lists, detail };
    },
    onError: (err, { id }, ctx) => {
      for (const [key, data] of (ctx?.lists ?? []) as [QueryKey, AgentListResponse | undefined][]) qc.setQueryData(key, data);
      if (ctx?.detail) qc.setQueryData(agentKeys.detail(id), ctx.detail);
      showError(err);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: agentKeys.lists() }),
  });
}
