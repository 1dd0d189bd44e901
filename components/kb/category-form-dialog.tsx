'use client';
// Create a category (at the root or under a parent) or rename one: name and description.
import { useEffect } from 'react';
import { useTranslations } from 'next-intl';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@/components/forms/resolver';
import { useQueryClient } from '@tanstack/react-query';
import { createCategorySchema } from '@/lib/kb/categories/schemas';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { FormField } from '@/components/ui/form-field';
import { Spinner } from '@/components/ui/spinner';
import { DialogFooter } from '@/components/ui/dialog';
import { toast } from '@/components/ui/sonner';
import { api } from '@/components/agents/api-client';
import { FormDialog, stickyFooterClass } from '@/components/agents/form-dialog';
import { applyServerErrors, useErrorToast, useFieldError } from '@/components/agents/use-api-errors';
import { kbKeys, type Category } from './types';

const schema = createCategorySchema.pick({ name: true, description: true });

export function CategoryFormDialog({
  open,
  category,
  parent,
  onClose,
  onCreated,
}: {
  open: boolean;
  category: Category | null;
  parent: Category | null;
  onClose: () => void;
  onCreated: (c: Category) => void;
}) {
  const t = useTranslations('kb.categories');
  const qc = useQueryClient();
  const fieldError = useFieldError();
  const showError = useErrorToast();
  const defaults = { name: category?.name ?? '', description: category?.description ?? '' };
  const form = useForm({ resolver: zodResolver(schema), defaultValues: defaults });
  const { errors, isDirty, isSubmitting } = form.formState;

  useEffect(() => {
    if (open) form.reset(defaults);
  }, [open, category?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const onSubmit = form.handleSubmit(async (values) => {
    const body = { name: values.name, description: values.description || null };
    try {
      if (category) {
        await api('PATCH', `/api/kb/categories/${category.id}`, body);
        toast.success(t('renamed'));
      } else {
        const res = await api<{ category: Category }>('POST', '/api/kb/categories', { ...body, parent_id: parent?.id ?? null });
        toast.success(t('created', { name: res.category.name }));
        onCreated(res.category);
      }
      await qc.invalidateQueries({ queryKey: kbKeys.categories() });
      void qc.invalidateQueries({ queryKey: kbKeys.articleLists() });
      form.reset(values);
      onClose();
    } catch (err) {
      if (!applyServerErrors(err, form.setError, form.getValues())) showError(err);
    }
  });

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      dirty={isDirty}
      busy={isSubmitting}
      title={category ? t('renameTitle') : parent ? t('createChildTitle', { parent: parent.name }) : t('createTitle')}
      testId="kb-category-dialog"
    >
      <form onSubmit={onSubmit} noValidate className="grid gap-5">
        <FormField label={t('name')} error={fieldError(errors.name)} required>
          <Input autoFocus placeholder={t('namePlaceholder')} data-testid="kb-category-name-input" {...form.register('name')} />
        </FormField>
        <FormField label={t('descriptionLabel')} error={fieldError(errors.description)}>
          <Textarea rows={3} placeholder={t('descriptionPlaceholder')} data-testid="kb-category-description" {...form.register('description')} />
        </FormField>
        <DialogFooter className={stickyFooterClass}>
          <Button type="button" variant="outline" onClick={onClose} disabled={isSubmitting}>
            {t('cancel')}
          </Button>
          <Button type="submit" disabled={isSubmitting} data-testid="kb-category-save">
            {isSubmitting && <Spinner aria-hidden />}
            {category ? t('save') : t('create')}
          </Button>
        </DialogFooter>
      </form>
    </FormDialog>
  );
}
