'use client';
// Deleting a client says how many dialogs go with it, and offers merging instead.
import { useRouter } from 'next/navigation';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { api } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';
import type { Client } from './types';

export function DeleteClientDialog({ client, open, onOpenChange, onMerge }: { client: Client; open: boolean; onOpenChange: (o: boolean) => void; onMerge: () => void }) {
  const t = useTranslations('clients.delete');
  const router = useRouter();
  const wsHref = useWorkspaceHref();
  const qc = useQueryClient();
  const errorToast = useErrorToast();
  const dialogs = client.metrics.total_dialogs;
  const remove = useMutation({
    mutationFn: () => api('DELETE', `/api/clients/${client.id}${dialogs > 0 ? '?dialogs=delete' : ''}`),
    onSuccess: () => {
      toast.success(t('done', { name: client.name }));
      qc.removeQueries({ queryKey: ['clients', 'card', client.id] });
      void qc.invalidateQueries({ queryKey: ['clients', 'list'] });
      router.push(wsHref('/clients'));
    },
    onError: errorToast,
  });
  return (
    <AlertDialog open={open} onOpenChange={(o) => !remove.isPending && onOpenChange(o)}>
      <AlertDialogContent data-testid="client-delete-dialog">
        <AlertDialogHeader>
          <AlertDialogTitle className="break-words">{t('title', { name: client.name })}</AlertDialogTitle>
          <AlertDialogDescription>{dialogs > 0 ? t('withDialogs', { count: dialogs }) : t('noDialogs')}</AlertDialogDescription>
        </AlertDialogHeader>
        {dialogs > 0 && <p className="text-sm text-muted-foreground">{t('mergeHint')}</p>}
        <AlertDialogFooter className="flex-wrap gap-2">
          <AlertDialogCancel disabled={remove.isPending}>{t('cancel')}</AlertDialogCancel>
          {dialogs > 0 && (
            <Button
              variant="outline"
              onClick={() => {
                onOpenChange(false);
                onMerge();
              }}
              disabled={remove.isPending}
              data-testid="client-delete-merge-instead"
            >
              {t('mergeInstead')}
            </Button>
          )}
          <Button variant="destructive" onClick={() => remove.mutate()} disabled={remove.isPending} data-testid="client-delete-confirm">
            {remove.isPending && <Spinner aria-hidden />}
            {dialogs > 0 ? t('confirmWithDialogs', { count: dialogs }) : t('confirm')}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
