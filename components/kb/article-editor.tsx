'use client';
// The article editor (new or existing): title, content with preview, status, categories,
// related articles and files; unsaved edits are guarded.
import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { gmtLabel } from '@/lib/i18n/format-time';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@/components/forms/resolver';
import { ArrowLeftIcon } from 'lucide-react';
import { createArticleSchema } from '@/lib/kb/articles/schemas';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { FormField } from '@/components/ui/form-field';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { api, apiGet } from '@/components/agents/api-client';
import { applyServerErrors, useErrorToast, useFieldError } from '@/components/agents/use-api-errors';
import { UnsavedBar, useLeaveGuard } from '@/components/agents/unsaved-changes';
import { ViewerNote } from '@/components/agents/viewer-note';
import { kbKeys, type ArticleDetail } from './types';
import { ContentPreview } from './rich-text';
import { ArticleSidebar } from './article-sidebar';
import { ArticleActions } from './article-actions';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';

const toForm = (a: ArticleDetail | null, categoryId?: string, title?: string) => ({
  title: a?.title ?? title ?? '',
  content: a?.content ?? '',
  is_active: a?.is_active ?? true,
  categories: a ? a.categories.map((c) => c.id) : categoryId ? [categoryId] : [],
  related_articles: a ? a.related_articles.map((r) => r.id) : [],
});

export function ArticleEditor({
  initial,
  canWrite,
  initialCategory,
  fromQuestion,
}: {
  initial: ArticleDetail | null;
  canWrite: boolean;
  initialCategory?: string;
  /** An unanswered question this new article answers: saving resolves it with the article. */
  fromQuestion?: { id: string; question: string };
}) {
  const wsHref = useWorkspaceHref();
  const t = useTranslations('kb.editor');
  const tq = useTranslations('kbQuality');
  const time = useTimeFormat();
  const router = useRouter();
  const qc = useQueryClient();
  const fieldError = useFieldError();
  const showError = useErrorToast();
  const { data: article } = useQuery({
    queryKey: kbKeys.article(initial?.id ?? 0),
    queryFn: ({ signal }) => apiGet<{ article: ArticleDetail }>(`/api/kb/articles/${initial!.id}`, signal).then((r) => r.article),
    initialData: initial ?? undefined,
    enabled: initial !== null,
  });
  const current = initial ? (article ?? initial) : null;
  const [relatedTitles, setRelatedTitles] = useState(() => new Map((initial?.related_articles ?? []).map((r) => [r.id, r.title])));
  const form = useForm({ resolver: zodResolver(createArticleSchema), defaultValues: toForm(initial, initialCategory, fromQuestion?.question.slice(0, 500)) });
  const { errors, isDirty, isSubmitting } = form.formState;
  const content = useWatch({ control: form.control, name: 'content' }) ?? '';
  const { dialog } = useLeaveGuard(isDirty && canWrite);

  const save = form.handleSubmit(
    async (values) => {
      try {
        if (!current) {
          const { article: created } = await api<{ article: ArticleDetail }>('POST', '/api/kb/articles', values);
          form.reset(toForm(created));
          qc.setQueryData(kbKeys.article(created.id), created);
          void qc.invalidateQueries({ queryKey: kbKeys.articleLists() });
          void qc.invalidateQueries({ queryKey: kbKeys.categories() });
          toast.success(t('created'));
          if (fromQuestion) {
            await api('PATCH', `/api/kb/unanswered/${fromQuestion.id}`, { status: 'resolved', resolved_article_id: created.id });
            void qc.invalidateQueries({ queryKey: ['kb-quality'] });
            toast.success(tq('resolved'));
          }
          router.replace(wsHref(`/knowledge-base/articles/${created.id}`));
          return;
        }
        const { article: saved } = await api<{ article: ArticleDetail }>('PATCH', `/api/kb/articles/${current.id}`, values);
        qc.setQueryData(kbKeys.article(saved.id), saved);
        setRelatedTitles(new Map(saved.related_articles.map((r) => [r.id, r.title])));
        form.reset(toForm(saved));
        void qc.invalidateQueries({ queryKey: kbKeys.articleLists() });
        void qc.invalidateQueries({ queryKey: kbKeys.categories() });
        toast.success(t('saved'));
      } catch (err) {
        if (!applyServerErrors(err, form.setError, form.getValues())) showError(err);
      }
    },
    () => toast.error(t('fixErrors')),
  );

  return (
    <form onSubmit={save} noValidate className="space-y-6" data-testid="kb-article-editor" data-article-id={current?.id}>
      <div className="space-y-3">
        <Link
          href={wsHref('/knowledge-base')}
          className="inline-flex items-center gap-1.5 text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:underline"
          data-testid="kb-editor-back"
        >
          <ArrowLeftIcon className="size-4" aria-hidden />
          {t('back')}
        </Link>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0 space-y-1">
            <h1 className="truncate text-2xl font-semibold tracking-tight" data-testid="kb-editor-title">
              {current ? current.title : t('newTitle')}
            </h1>
            {current && (
              <p className="text-sm text-muted-foreground">
                {t('meta', { date: `${time.dateTime(current.updated_at)} (${gmtLabel(new Date(current.updated_at), time.timeZone)})`, count: current.usage_count })}
              </p>
            )}
          </div>
          {canWrite && (
            <div className="flex shrink-0 items-center gap-2">
              {current && <ArticleActions article={current} />}
              <Button type="submit" disabled={isSubmitting || (!!current && !isDirty)} data-testid="kb-article-save">
                {isSubmitting && <Spinner aria-hidden />}
                {current ? t('save') : t('create')}
              </Button>
            </div>
          )}
        </div>
        {!canWrite && <ViewerNote />}
        {fromQuestion && !current && (
          <p className="rounded-lg border bg-muted/50 px-3 py-2 text-sm" data-testid="kb-from-question">
            {tq('fromQuestion', { question: fromQuestion.question })}
          </p>
        )}
      </div>

      <fieldset disabled={!canWrite} className="grid min-w-0 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
        <div className="min-w-0 space-y-5 rounded-xl border bg-card p-5 shadow-xs sm:p-6">
          <FormField label={t('title')} error={fieldError(errors.title)} required>
            <Input className="h-11 text-base font-medium md:text-base" placeholder={t('titlePlaceholder')} data-testid="kb-article-title" {...form.register('title')} />
          </FormField>
          <Tabs defaultValue="write" className="gap-2">
            <div className="flex items-center justify-between gap-3">
              <span className="text-sm font-medium">
                {t('content')}
                <span aria-hidden className="ml-0.5 text-destructive">
                  *
                </span>
              </span>
              <TabsList className="h-8">
                <TabsTrigger value="write" className="text-xs" data-testid="kb-content-write">
                  {t('write')}
                </TabsTrigger>
                <TabsTrigger value="preview" className="text-xs" data-testid="kb-content-preview">
                  {t('preview')}
                </TabsTrigger>
              </TabsList>
            </div>
            <TabsContent value="write" className="space-y-2">
              <Textarea
                rows={18}
                className="max-h-[70vh] min-h-80 leading-6"
                placeholder={t('contentPlaceholder')}
                aria-label={t('content')}
                aria-invalid={!!errors.content || undefined}
                data-testid="kb-article-content"
                {...form.register('content')}
              />
              <div className="flex items-center justify-between gap-3 text-xs text-muted-foreground">
                <span className="text-sm font-medium text-destructive">{fieldError(errors.content)}</span>
                <span className="shrink-0">{t('markdownHint')}</span>
              </div>
            </TabsContent>
            <TabsContent value="preview" className="min-h-80 rounded-md border bg-background/50 px-4 py-3">
              <ContentPreview text={content} emptyText={t('previewEmpty')} />
            </TabsContent>
          </Tabs>
        </div>
        <ArticleSidebar
          form={form}
          article={current}
          relatedTitles={relatedTitles}
          onRelatedPicked={(id, title) => setRelatedTitles((m) => new Map(m).set(id, title))}
          canWrite={canWrite}
        />
      </fieldset>
      <UnsavedBar visible={isDirty && canWrite} saving={isSubmitting} onSave={() => void save()} onDiscard={() => form.reset()} />
      {dialog}
    </form>
  );
}
