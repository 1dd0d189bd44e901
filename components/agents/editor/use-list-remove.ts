'use client';
// Deleting a trigger or chain from the cached agent, behind a confirmation the caller shows.
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { toast } from '@/components/ui/sonner';
import { api } from '../api-client';
import { useErrorToast } from '../use-api-errors';
import { useEditor, usePatchAgentCache } from './editor-context';

export function useListRemove<T extends { id: string }>(list: 'triggers' | 'chains', deletedMessage: string) {
  const { agent } = useEditor();
  const patchCache = usePatchAgentCache();
  const showError = useErrorToast();
  const [deleting, setDeleting] = useState<T | null>(null);
  const remove = useMutation({
    mutationFn: (item: T) => api<void>('DELETE', `/api/agents/${agent.id}/${list}/${item.id}`),
    onSuccess: (_v, item) => {
      patchCache({ [list]: (agent[list] as { id: string }[]).filter((x) => x.id !== item.id) });
      setDeleting(null);
      toast.success(deletedMessage);
    },
    onError: showError,
  });
  return { deleting, setDeleting, remove };
}
