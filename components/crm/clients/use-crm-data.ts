'use client';
// Lookups the client pages share: the workspace's members (responsible pickers) and contact custom fields.
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '@/components/agents/api-client';
import { clientKeys, type CrmField, type Member } from './types';

export function useMembers() {
  return useQuery({
    queryKey: clientKeys.members,
    queryFn: ({ signal }) => apiGet<{ members: Member[] }>('/api/team', signal).then((r) => r.members),
    staleTime: 60_000,
  });
}

export function useContactFields() {
  return useQuery({
    queryKey: clientKeys.fields,
    queryFn: ({ signal }) =>
      apiGet<{ fields: CrmField[] }>('/api/crm/fields?entity_type=contact', signal).then((r) =>
        [...r.fields].filter((f) => f.entity_type === 'contact').sort((a, b) => a.order_index - b.order_index),
      ),
    staleTime: 60_000,
  });
}
