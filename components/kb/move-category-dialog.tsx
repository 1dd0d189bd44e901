'use client';
// Move a category (with its subtree) under another parent or to the root.
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { api } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { buildTree, flattenTree, kbKeys, type Category } from './types';

const ROOT = 'root';

export function MoveCategoryDialog({ category, categories, onClose }: { category: Category | null; categories: Category[]; onClose: () => void }) {
  const t = useTranslations('kb.categories');
  const qc = useQueryClient();
  const showError = useErrorToast();
  const [parent, setParent] = useState<string>(ROOT);
  useEffect(() => setParent(category?.parent_id ?? ROOT), [category]);

  // Not into itself or its own subcategories.
  const options = flattenTree(buildTree(categories)).filter(({ node }) => !category || !node.path.startsWith(category.path));
  const move = useMutation({
    mutationFn: () => api('PATCH', `/api/kb/categories/${category!.id}`, { parent_id: parent === ROOT ? null : parent }),
    onSuccess: async () => {
      toast.success(t('moved'));
      await qc.invalidateQueries({ queryKey: kbKeys.categories() });
      // A category's list includes its subcategories' articles: a move changes the new and old parents' lists.
      void qc.invalidateQueries({ queryKey: kbKeys.articleLists() });
      onClose();
    },
    onError: showError,
  });

  return (
    <Dialog open={category !== null} onOpenChange={(o) => !o && !move.isPending && onClose()}>
      <DialogContent data-testid="kb-move-dialog">
        <DialogHeader>
          <DialogTitle>{t('moveTitle', { name: category?.name ?? '' })}</DialogTitle>
          <DialogDescription>{t('moveDescription')}</DialogDescription>
        </DialogHeader>
        <div className="grid gap-2">
          <Label htmlFor="kb-move-parent">{t('parent')}</Label>
          <Select value={parent} onValueChange={setParent}>
            <SelectTrigger id="kb-move-parent" data-testid="kb-move-parent">
              <SelectValue />
            </SelectTrigger>
            <SelectContent className="max-h-72">
              <SelectItem value={ROOT}>{t('root')}</SelectItem>
              {options.map(({ node, depth }) => (
                <SelectItem key={node.id} value={node.id} style={{ paddingLeft: `${0.5 + (depth + 1) * 0.875}rem` }}>
                  {node.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <DialogFooter>
          <Button variant="outline" onClick={onClose} disabled={move.isPending}>
            {t('cancel')}
          </Button>
          <Button
            onClick={() => move.mutate()}
            disabled={move.isPending || (category?.parent_id ?? ROOT) === parent}
            data-testid="kb-move-save"
          >
            {move.isPending && <Spinner aria-hidden />}
            {t('moveSubmit')}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
