'use client';
// The bell's data: the notifications list (unread first) and the calls that change it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiGet } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { usePageWorkspace } from '@/components/dashboard/workspace-context';

import type { Notification } from '@/lib/notifications/present-notification';

export type { Notification };
export interface NotificationList {
  data: Notification[];
  unread_count: number;
  next_cursor: string | null;
}

export function useNotificationKey() {
  return ['notifications', usePageWorkspace().id] as const;
}

export function useNotifications(limit = 50) {
  const key = useNotificationKey();
  return useQuery({
    queryKey: [...key, limit],
    queryFn: ({ signal }) => apiGet<NotificationList>(`/api/notifications?limit=${limit}`, signal),
    refetchInterval: 60_000,
  });
}

export function useNotificationActions() {
  const qc = useQueryClient();
  const key = useNotificationKey();
  const onError = useErrorToast();
  const onSuccess = () => qc.invalidateQueries({ queryKey: key });
  return {
    read: useMutation({ mutationFn: (id: string) => api('PATCH', `/api/notifications/${id}/read`), onSuccess, onError }),
    readAll: useMutation({ mutationFn: () => api('POST', '/api/notifications/read-all'), onSuccess, onError }),
    remove: useMutation({ mutationFn: (id: string) => api('DELETE', `/api/notifications/${id}`), onSuccess, onError }),
    removeAll: useMutation({ mutationFn: () => api('DELETE', '/api/notifications'), onSuccess, onError }),
  };
}
