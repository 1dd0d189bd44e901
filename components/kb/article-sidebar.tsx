'use client';
// The article editor's side column: status, categories, related articles, files.
import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Controller, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import type { createArticleSchema } from '@/lib/kb/articles/schemas';
import { Switch } from '@/components/ui/switch';
import { Label } from '@/components/ui/label';
import { useFieldError } from '@/components/agents/use-api-errors';
import type { ArticleDetail } from './types';
import { CategoryPicker } from './category-picker';
import { RelatedPicker } from './related-picker';
import { ArticleFiles } from './article-files';

type Form = UseFormReturn<z.input<typeof createArticleSchema>, unknown, z.output<typeof createArticleSchema>>;

function Panel({ title, description, children, testId }: { title: string; description?: string; children: ReactNode; testId?: string }) {
  return (
    <section className="rounded-xl border bg-card p-4 shadow-xs" data-testid={testId}>
      <h2 className="text-sm font-semibold">{title}</h2>
      {description && <p className="mt-0.5 text-xs text-muted-foreground">{description}</p>}
      <div className="mt-3">{children}</div>
    </section>
  );
}

export function ArticleSidebar({
  form,
  article,
  relatedTitles,
  onRelatedPicked,
  canWrite,
}: {
  form: Form;
  article: ArticleDetail | null;
  relatedTitles: Map<number, string>;
  onRelatedPicked: (id: number, title: string) => void;
  canWrite: boolean;
}) {
  const t = useTranslations('kb.editor');
  const fieldError = useFieldError();
  const errors = form.formState.errors;

  return (
    <div className="min-w-0 space-y-4">
      <Panel title={t('status')}>
        <Controller
          control={form.control}
          name="is_active"
          render={({ field }) => (
            <div className="flex items-center justify-between gap-3">
              <Label htmlFor="kb-article-active" className="font-normal text-muted-foreground">
                {field.value ? t('activeOn') : t('activeOff')}
              </Label>
              <Switch id="kb-article-active" checked={!!field.value} onCheckedChange={field.onChange} data-testid="kb-article-active" />
            </div>
          )}
        />
      </Panel>
      <Panel title={t('categories')} description={t('categoriesHint')} testId="kb-article-categories">
        <Controller
          control={form.control}
          name="categories"
          render={({ field }) => <CategoryPicker value={field.value ?? []} onChange={field.onChange} invalid={!!errors.categories} />}
        />
        {errors.categories && (
          <p className="mt-2 text-sm font-medium text-destructive" role="alert">
            {fieldError(errors.categories as { message?: string; type?: string })}
          </p>
        )}
      </Panel>
      <Panel title={t('related')} description={t('relatedHint')} testId="kb-article-related">
        <Controller
          control={form.control}
          name="related_articles"
          render={({ field }) => (
            <RelatedPicker
              value={field.value ?? []}
              onChange={field.onChange}
              titles={relatedTitles}
              onPicked={onRelatedPicked}
              excludeId={article?.id}
            />
          )}
        />
      </Panel>
      <Panel title={t('files')} description={t('filesHint')} testId="kb-article-files">
        {article ? <ArticleFiles article={article} canWrite={canWrite} /> : <p className="text-sm text-muted-foreground">{t('filesAfterSave')}</p>}
      </Panel>
    </div>
  );
}
