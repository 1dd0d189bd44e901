'use client';
// Server state of the deals pages (TanStack Query over the REST API of docs/crm-api.md).
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiGet, query } from '@/components/agents/api-client';
import {
  dealKeys,
  type Board,
  type DealFilters,
  type Deal,
  type DealFull,
  type Field,
  type Member,
  type Message,
  type Note,
  type Page,
  type Pipeline,
  type Task,
  type TimelineEvent,
} from './types';

/** The URL's filters as API query params (dates as the start / end of the day). */
export function filterParams(f: DealFilters): Record<string, string | undefined> {
  const day = (d: string | undefined, end: boolean) => (d ? new Date(`${d}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString() : undefined);
  return { ...f, date_from: day(f.date_from, false), date_to: day(f.date_to, true) };
}

export function usePipelines() {
  return useQuery({
    queryKey: dealKeys.pipelines(),
    queryFn: ({ signal }) => apiGet<{ pipelines: Pipeline[] }>('/api/pipelines', signal).then((r) => r.pipelines),
  });
}

export function useBoard(pipelineId: string | undefined, filters: DealFilters) {
  return useQuery({
    queryKey: dealKeys.board(pipelineId ?? '', filters),
    enabled: !!pipelineId,
    queryFn: ({ signal }) =>
      apiGet<Board>(`/api/conversations/board${query({ pipeline_id: pipelineId, ...filterParams(filters), per_stage: 50 })}`, signal),
  });
}

export function useDealList(params: Record<string, string | undefined>, enabled = true) {
  return useInfiniteQuery({
    queryKey: dealKeys.list(params),
    enabled,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiGet<Page<Deal>>(`/api/conversations${query({ ...params, cursor: pageParam, limit: 50 })}`, signal),
    getNextPageParam: (last) => last.next_cursor,
  });
}

export function useDeal(id: string | null) {
  return useQuery({
    queryKey: dealKeys.deal(id ?? ''),
    enabled: !!id,
    queryFn: ({ signal }) => apiGet<{ conversation: DealFull }>(`/api/conversations/${id}`, signal).then((r) => r.conversation),
  });
}

export function useMessages(id: string) {
  return useInfiniteQuery({
    queryKey: dealKeys.messages(id),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiGet<{ data: Message[]; has_more: boolean; next_cursor: string | null }>(
        `/api/conversations/${id}/messages${query({ before: pageParam, limit: 50, types: 'message' })}`,
        signal,
      ),
    getNextPageParam: (last) => (last.has_more ? last.next_cursor : null),
  });
}

export function useEvents(id: string) {
  return useQuery({
    queryKey: dealKeys.events(id),
    queryFn: ({ signal }) =>
      apiGet<{ data: TimelineEvent[] }>(`/api/events${query({ dialog_id: id, limit: 200 })}`, signal).then((r) => [...r.data].reverse()),
  });
}

export function useTasks(id: string) {
  return useQuery({
    queryKey: dealKeys.tasks(id),
    queryFn: ({ signal }) => apiGet<Page<Task>>(`/api/tasks${query({ conversation_id: id, limit: 200 })}`, signal).then((r) => r.data),
  });
}

export function useNotes(id: string) {
  return useQuery({
    queryKey: dealKeys.notes(id),
    queryFn: ({ signal }) => apiGet<{ data: Note[] }>(`/api/notes${query({ conversation_id: id })}`, signal).then((r) => r.data),
  });
}

export function useMembers() {
  return useQuery({
    queryKey: dealKeys.members(),
    staleTime: 300_000,
    queryFn: ({ signal }) => apiGet<{ members: Member[] }>('/api/team', signal).then((r) => r.members),
  });
}

export function useAgents() {
  return useQuery({
    queryKey: dealKeys.agents(),
    staleTime: 300_000,
    queryFn: ({ signal }) =>
      apiGet<{ agents: { id: string; name: string }[] }>('/api/agents?limit=100', signal).then((r) => r.agents),
  });
}

export function useDealFields() {
  return useQuery({
    queryKey: dealKeys.fields(),
    staleTime: 300_000,
    queryFn: ({ signal }) => apiGet<{ fields: Field[] }>('/api/crm/fields?entity_type=deal', signal).then((r) => r.fields),
  });
}

export const memberName = (m: Member) => m.full_name?.trim() || m.email.split('@')[0];
