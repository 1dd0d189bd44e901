'use client';
// Deleting a category: a plain confirmation; when the API answers 409 category_not_empty,
// its counts are shown and the user chooses what happens to the articles.
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TriangleAlertIcon } from 'lucide-react';
import { DELETE_MODES, type DeleteMode } from '@/lib/kb/categories/schemas';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { RadioGroup, RadioGroupItem } from '@/components/ui/radio-group';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog';
import { api, ApiError, query } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { kbKeys, type Category, type DeleteCategoryResult } from './types';

interface NotEmpty {
  articles_count: number;
  articles_only_here_count: number;
  subcategories_count: number;
  modes: DeleteMode[];
}

export function DeleteCategoryDialog({ category, onClose, onDeleted }: { category: Category | null; onClose: () => void; onDeleted: (id: string) => void }) {
  const t = useTranslations('kb.categories.deleteDialog');
  const qc = useQueryClient();
  const showError = useErrorToast();
  const [notEmpty, setNotEmpty] = useState<NotEmpty | null>(null);
  const [mode, setMode] = useState<DeleteMode>('detach');
  useEffect(() => {
    setNotEmpty(null);
    setMode(category?.parent_id ? 'move_to_parent' : 'detach');
  }, [category]);

  const remove = useMutation({
    mutationFn: (articles?: DeleteMode) => api<DeleteCategoryResult | undefined>('DELETE', `/api/kb/categories/${category!.id}${query({ articles })}`),
    onSuccess: async (result) => {
      const orphans = result?.articles.without_category.length ?? 0;
      toast.success(t('deleted', { name: category!.name }), orphans ? { description: t('orphans', { count: orphans }) } : undefined);
      onDeleted(category!.id);
      onClose();
      await qc.invalidateQueries({ queryKey: kbKeys.all });
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'category_not_empty' && err.details) {
        const details = err.details as unknown as NotEmpty;
        setNotEmpty(details);
        if (!details.modes.includes(mode)) setMode(details.modes[0] ?? 'detach');
        return;
      }
      showError(err);
    },
  });

  const modes = notEmpty?.modes.filter((m) => (DELETE_MODES as readonly string[]).includes(m)) ?? [];
  return (
    <AlertDialog open={category !== null} onOpenChange={(o) => !o && !remove.isPending && onClose()}>
      <AlertDialogContent data-testid="kb-delete-category-dialog">
        <AlertDialogHeader>
          <AlertDialogTitle className="break-words">{t('title', { name: category?.name ?? '' })}</AlertDialogTitle>
          <AlertDialogDescription>{notEmpty ? t('notEmpty') : t('description')}</AlertDialogDescription>
        </AlertDialogHeader>
        {notEmpty && (
          <div className="grid gap-4">
            <div className="flex items-start gap-3 rounded-lg border border-warning/40 bg-warning/10 px-3 py-2.5 text-sm" data-testid="kb-delete-counts">
              <TriangleAlertIcon className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
              <ul className="space-y-0.5">
                <li>{t('articlesCount', { count: notEmpty.articles_count })}</li>
                {notEmpty.articles_only_here_count > 0 && <li>{t('onlyHereCount', { count: notEmpty.articles_only_here_count })}</li>}
                {notEmpty.subcategories_count > 0 && <li>{t('subcategoriesCount', { count: notEmpty.subcategories_count })}</li>}
              </ul>
            </div>
            <RadioGroup value={mode} onValueChange={(v) => setMode(v as DeleteMode)} className="grid gap-2" aria-label={t('modeLabel')}>
              {modes.map((m) => (
                <Label
                  key={m}
                  htmlFor={`kb-delete-${m}`}
                  className="flex cursor-pointer items-start gap-3 rounded-lg border p-3 font-normal has-[[data-state=checked]]:border-primary has-[[data-state=checked]]:bg-accent/40"
                >
                  <RadioGroupItem value={m} id={`kb-delete-${m}`} className="mt-0.5" data-testid={`kb-delete-mode-${m}`} />
                  <span className="grid gap-0.5">
                    <span className="font-medium">{t(`modes.${m}.title`)}</span>
                    <span className="text-sm text-muted-foreground">{t(`modes.${m}.hint`)}</span>
                  </span>
                </Label>
              ))}
            </RadioGroup>
          </div>
        )}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={remove.isPending}>{t('cancel')}</AlertDialogCancel>
          <Button variant="destructive" onClick={() => remove.mutate(notEmpty ? mode : undefined)} disabled={remove.isPending} data-testid="kb-delete-confirm">
            {remove.isPending && <Spinner aria-hidden />}
            {t('confirm')}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
