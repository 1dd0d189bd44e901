'use client';
// Everything an operator does in a thread; each success refetches the thread, its header and the list.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/components/agents/api-client';
import { useErrorText } from '@/components/agents/use-api-errors';
import { toast } from '@/components/ui/sonner';
import { inboxKeys, type InboxConversation } from './types';

export function useThreadActions(id: string) {
  const qc = useQueryClient();
  const errorText = useErrorText();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: inboxKeys.conversation(id) });
    void qc.invalidateQueries({ queryKey: inboxKeys.messages(id) });
    void qc.invalidateQueries({ queryKey: inboxKeys.lists() });
  };
  const opts = { onSuccess: refresh, onError: (err: unknown) => toast.error(errorText(err)) };
  const base = `/api/conversations/${id}`;
  return {
    reply: useMutation({ mutationFn: (content: string) => api('POST', `${base}/messages`, { content }), ...opts }),
    approve: useMutation({
      mutationFn: ({ messageId, content }: { messageId: string; content?: string }) =>
        api('POST', `${base}/messages/${messageId}/approve`, content === undefined ? undefined : { content }),
      ...opts,
    }),
    reject: useMutation({ mutationFn: (messageId: string) => api('POST', `${base}/messages/${messageId}/reject`, {}), ...opts }),
    retry: useMutation({ mutationFn: (messageId: string) => api('POST', `${base}/messages/${messageId}/retry`, {}), ...opts }),
    takeover: useMutation({ mutationFn: () => api('POST', `${base}/takeover`, {}), ...opts }),
    // PATCH …/resume is the hand-back (pending resume cancelled, unanswered messages get a reply).
    handBack: useMutation({ mutationFn: () => api('PATCH', `${base}/resume`, {}), ...opts }),
    pause: useMutation({ mutationFn: (reason: string) => api('PATCH', `${base}/pause`, { paused_by: 'human', reason: reason || undefined }), ...opts }),
    // Opening a dialog with unread messages reads them (quietly: a failure only leaves the badge).
    markRead: useMutation({
      mutationFn: () => api('POST', `${base}/read`, {}),
      // The thread's own copy too: it must read 0 so that the next customer message (1 again)
      // is seen as new and read as well.
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: inboxKeys.lists() });
        void qc.invalidateQueries({ queryKey: inboxKeys.conversation(id) });
      },
    }),
    patch: useMutation({
      mutationFn: (body: { responsible_user_id?: string | null; stage_id?: string }) => {
        const version = qc.getQueryData<InboxConversation>(inboxKeys.conversation(id))?.version;
        return api('PATCH', base, { ...body, version });
      },
      ...opts,
    }),
  };
}
