'use client';
// Server state of the inbox (TanStack Query over /api/conversations).
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiGet, query } from '@/components/agents/api-client';
import type { Page } from '@/components/crm/deals/types';
import { inboxKeys, type InboxConversation, type InboxFilters, type InboxMessage } from './types';

export function useInboxList(filters: InboxFilters) {
  return useInfiniteQuery({
    queryKey: inboxKeys.list(filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiGet<Page<InboxConversation>>(`/api/conversations${query({ ...filters, cursor: pageParam, limit: 50 })}`, signal),
    getNextPageParam: (last) => last.next_cursor,
  });
}

export function useInboxConversation(id: string | null) {
  return useQuery({
    queryKey: inboxKeys.conversation(id ?? ''),
    enabled: !!id,
    queryFn: ({ signal }) => apiGet<{ conversation: InboxConversation }>(`/api/conversations/${id}`, signal).then((r) => r.conversation),
  });
}

export function useInboxMessages(id: string) {
  return useInfiniteQuery({
    queryKey: inboxKeys.messages(id),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiGet<{ data: InboxMessage[]; has_more: boolean; next_cursor: string | null }>(
        `/api/conversations/${id}/messages${query({ before: pageParam, limit: 50, types: 'message' })}`,
        signal,
      ),
    getNextPageParam: (last) => (last.has_more ? last.next_cursor : null),
  });
}
