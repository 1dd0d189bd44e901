'use client';
// Optimistic on/off for an article in every cached list; rolled back with a toast on failure.
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { kbKeys, type ArticleDetail, type ArticleListResponse } from './types';

export function useToggleArticle() {
  const qc = useQueryClient();
  const showError = useErrorToast();
  const setActive = (id: number, is_active: boolean) => {
    for (const [key, data] of qc.getQueriesData<ArticleListResponse>({ queryKey: kbKeys.articleLists() })) {
      if (data) qc.setQueryData<ArticleListResponse>(key, { ...data, articles: data.articles.map((a) => (a.id === id ? { ...a, is_active } : a)) });
    }
  };
  return useMutation({
    // The wanted state is sent, so a double click cannot flip it back.
    mutationFn: ({ id, is_active }: { id: number; is_active: boolean }) =>
      api<{ article: ArticleDetail }>('PATCH', `/api/kb/articles/${id}/toggle`, { is_active }),
    onMutate: async ({ id, is_active }) => {
      await qc.cancelQueries({ queryKey: kbKeys.articleLists() });
      const snapshot = qc.getQueriesData<ArticleListResponse>({ queryKey: kbKeys.articleLists() });
      setActive(id, is_active);
      return { snapshot };
    },
    onSuccess: ({ article }) => {
      setActive(article.id, article.is_active);
      qc.setQueryData<ArticleDetail>(kbKeys.article(article.id), (old) => (old ? { ...old, is_active: article.is_active } : old));
    },
    onError: (err, _vars, ctx) => {
      for (const [key, data] of (ctx?.snapshot ?? []) as [QueryKey, ArticleListResponse | undefined][]) qc.setQueryData(key, data);
      showError(err);
    },
  });
}
