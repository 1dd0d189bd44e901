'use client';
// Queries of the CRM setup pages.
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '@/components/agents/api-client';
import { crmKeys, type Field, type Pipeline, type Vertical } from './types';

export function usePipelines() {
  return useQuery({
    queryKey: crmKeys.pipelines(),
    queryFn: ({ signal }) => apiGet<{ pipelines: Pipeline[] }>('/api/pipelines', signal).then((r) => r.pipelines),
  });
}

export function useVerticals() {
  return useQuery({
    queryKey: crmKeys.verticals(),
    queryFn: ({ signal }) => apiGet<{ data: Vertical[] }>('/api/verticals', signal).then((r) => r.data),
  });
}

export function useFields() {
  return useQuery({
    queryKey: crmKeys.fields(),
    queryFn: ({ signal }) => apiGet<{ fields: Field[] }>('/api/crm/fields', signal).then((r) => r.fields),
  });
}
