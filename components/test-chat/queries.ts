'use client';
// Server state of the test chat page (TanStack Query over /api/chat, /api/agents, /api/pipelines).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiGet, query } from '@/components/agents/api-client';
import type { AgentListResponse, FullAgent } from '@/components/agents/types';
import type { Pipeline } from '@/components/crm/deals/types';
import { chatKeys, type ChatMessage, type TestConversation, type TestConversationItem } from './types';

export function useAgentChoices() {
  return useQuery({
    queryKey: [...chatKeys.all, 'agents'],
    queryFn: ({ signal }) => apiGet<AgentListResponse>(`/api/agents${query({ limit: 100 })}`, signal).then((r) => r.agents),
  });
}

export function useAgent(id: string | null) {
  return useQuery({
    queryKey: [...chatKeys.all, 'agent', id ?? ''],
    enabled: !!id,
    queryFn: ({ signal }) => apiGet<{ agent: FullAgent }>(`/api/agents/${id}`, signal).then((r) => r.agent),
  });
}

export function usePipelineChoices() {
  return useQuery({
    queryKey: [...chatKeys.all, 'pipelines'],
    queryFn: ({ signal }) => apiGet<{ pipelines: Pipeline[] }>('/api/pipelines', signal).then((r) => r.pipelines),
  });
}

export function useTestConversations(agentId: string | null) {
  return useQuery({
    queryKey: chatKeys.list(agentId ?? ''),
    enabled: !!agentId,
    queryFn: ({ signal }) =>
      apiGet<{ data: TestConversationItem[]; next_cursor: string | null }>(`/api/chat/conversations${query({ agent_id: agentId, limit: 50 })}`, signal).then(
        (r) => r.data,
      ),
  });
}

export function useTestConversation(id: string | null) {
  return useQuery({
    queryKey: chatKeys.conversation(id ?? ''),
    enabled: !!id,
    queryFn: ({ signal }) => apiGet<TestConversation>(`/api/chat/conversations/${id}`, signal),
  });
}

export function useDeleteTestConversation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/api/chat/conversations/${id}`),
    onSuccess: (_v, id) => {
      qc.removeQueries({ queryKey: chatKeys.conversation(id) });
      void qc.invalidateQueries({ queryKey: chatKeys.lists() });
    },
  });
}

/** Approve (optionally with edited content) or reject a draft (docs/runtime-api.md "Drafts"). */
export function useDecideDraft(conversationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { messageId: string; action: 'approve' | 'reject'; content?: string }) =>
      api<{ message: ChatMessage }>(
        'POST',
        `/api/conversations/${conversationId}/messages/${v.messageId}/${v.action}`,
        v.action === 'approve' ? (v.content !== undefined ? { content: v.content } : {}) : {},
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: chatKeys.conversation(conversationId) }),
  });
}
