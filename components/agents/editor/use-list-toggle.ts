'use client';
// Optimistic on/off for a trigger or chain inside the cached agent; rolled back with a toast on failure.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api-client';
import { agentKeys, type FullAgent } from '../types';
import { useErrorToast } from '../use-api-errors';
import { useEditor } from './editor-context';

type ListKey = 'triggers' | 'chains';
const ITEM: Record<ListKey, string> = { triggers: 'trigger', chains: 'chain' };

export function useListToggle(list: ListKey) {
  const qc = useQueryClient();
  const { agent } = useEditor();
  const showError = useErrorToast();
  const key = agentKeys.detail(agent.id);
  const setActive = (id: string, is_active: boolean) =>
    qc.setQueryData<FullAgent>(key, (old) =>
      old ? { ...old, [list]: (old[list] as { id: string }[]).map((x) => (x.id === id ? { ...x, is_active } : x)) } : old,
    );

  return useMutation({
    mutationFn: ({ id, is_active }: { id: string; is_active: boolean }) =>
      api<Record<string, unknown>>('PATCH', `/api/agents/${agent.id}/${list}/${id}/toggle`, { is_active }),
    onMutate: ({ id, is_active }) => setActive(id, is_active),
    onSuccess: (res, { id }) => {
      const saved = res[ITEM[list]] as { is_active?: boolean } | undefined;
      if (typeof saved?.is_active === 'boolean') setActive(id, saved.is_active);
    },
    onError: (err, { id, is_active }) => {
      setActive(id, !is_active);
      showError(err);
    },
  });
}
