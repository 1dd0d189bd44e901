'use client';
// The article editor's menu: duplicate the article or delete it.
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CopyIcon, MoreHorizontalIcon, Trash2Icon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/sonner';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { api } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { ConfirmDelete } from '@/components/agents/confirm-delete';
import { kbKeys, type ArticleDetail } from './types';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';

export function ArticleActions({ article }: { article: ArticleDetail }) {
  const wsHref = useWorkspaceHref();
  const t = useTranslations('kb.editor');
  const router = useRouter();
  const qc = useQueryClient();
  const showError = useErrorToast();
  const [deleting, setDeleting] = useState(false);

  const duplicate = useMutation({
    mutationFn: () => api<{ article: ArticleDetail }>('POST', `/api/kb/articles/${article.id}/duplicate`),
    onSuccess: ({ article: copy }) => {
      qc.setQueryData(kbKeys.article(copy.id), copy);
      void qc.invalidateQueries({ queryKey: kbKeys.articleLists() });
      void qc.invalidateQueries({ queryKey: kbKeys.categories() });
      toast.success(t('duplicated'));
      router.push(wsHref(`/knowledge-base/articles/${copy.id}`));
    },
    onError: showError,
  });
  const remove = useMutation({
    mutationFn: () => api<void>('DELETE', `/api/kb/articles/${article.id}`),
    onSuccess: () => {
      qc.removeQueries({ queryKey: kbKeys.article(article.id) });
      void qc.invalidateQueries({ queryKey: kbKeys.articleLists() });
      void qc.invalidateQueries({ queryKey: kbKeys.categories() });
      toast.success(t('deleted'));
      router.push(wsHref('/knowledge-base'));
    },
    onError: showError,
  });

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button type="button" variant="outline" size="icon" aria-label={t('actions')} data-testid="kb-article-menu">
            <MoreHorizontalIcon aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-48">
          <DropdownMenuItem onSelect={() => duplicate.mutate()} disabled={duplicate.isPending} data-testid="kb-article-duplicate">
            <CopyIcon aria-hidden />
            {t('duplicate')}
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem variant="destructive" onSelect={() => setDeleting(true)} data-testid="kb-article-delete">
            <Trash2Icon aria-hidden />
            {t('delete')}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <ConfirmDelete
        open={deleting}
        onOpenChange={setDeleting}
        title={t('deleteTitle', { title: article.title })}
        description={t('deleteDescription')}
        pending={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
    </>
  );
}
