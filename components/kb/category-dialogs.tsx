'use client';
// The category actions from the tree: create / rename (a form), move (choose a parent), duplicate, delete.
import { useEffect } from 'react';
import { useTranslations } from 'next-intl';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from '@/components/ui/sonner';
import { api } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { kbKeys, type Category } from './types';
import { CategoryFormDialog } from './category-form-dialog';
import { MoveCategoryDialog } from './move-category-dialog';
import { DeleteCategoryDialog } from './delete-category-dialog';

export type CategoryAction =
  | { kind: 'create'; parentId: string | null }
  | { kind: 'rename' | 'move' | 'duplicate' | 'delete'; category: Category };

export function CategoryDialogs({
  action,
  categories,
  onClose,
  onCreated,
  onDeleted,
}: {
  action: CategoryAction | null;
  categories: Category[];
  onClose: () => void;
  onCreated: (c: Category) => void;
  onDeleted: (id: string) => void;
}) {
  const t = useTranslations('kb.categories');
  const qc = useQueryClient();
  const showError = useErrorToast();
  const duplicate = useMutation({
    mutationFn: (c: Category) => api<{ category: Category }>('POST', `/api/kb/categories/${c.id}/duplicate`),
    onSuccess: ({ category }) => {
      toast.success(t('duplicated', { name: category.name }));
      void qc.invalidateQueries({ queryKey: kbKeys.categories() });
    },
    onError: showError,
  });

  useEffect(() => {
    if (action?.kind !== 'duplicate') return;
    duplicate.mutate(action.category);
    onClose();
  }, [action]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <>
      <CategoryFormDialog
        open={action?.kind === 'create' || action?.kind === 'rename'}
        category={action?.kind === 'rename' ? action.category : null}
        parent={action?.kind === 'create' ? (categories.find((c) => c.id === action.parentId) ?? null) : null}
        onClose={onClose}
        onCreated={onCreated}
      />
      <MoveCategoryDialog category={action?.kind === 'move' ? action.category : null} categories={categories} onClose={onClose} />
      <DeleteCategoryDialog
        category={action?.kind === 'delete' ? action.category : null}
        onClose={onClose}
        onDeleted={onDeleted}
      />
    </>
  );
}
