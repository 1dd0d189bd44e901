'use client';
// The knowledge base: the category tree on the left, the selected category's articles on the right.
import { useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { GaugeIcon, PlusIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { ViewerNote } from '@/components/agents/viewer-note';
import { useCategories } from './use-categories';
import { CategoryTree } from './category-tree';
import { ArticleList } from './article-list';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';

export function KnowledgeBase({ canWrite, initialCategory, semantic = true }: { canWrite: boolean; initialCategory?: string; semantic?: boolean }) {
  const wsHref = useWorkspaceHref();
  const t = useTranslations('kb');
  const tq = useTranslations('kbQuality');
  const categories = useCategories();
  const [selected, setSelected] = useState<string | null>(initialCategory ?? null);
  const category = categories.data?.find((c) => c.id === selected) ?? null;

  const select = (id: string | null) => {
    setSelected(id);
    const url = new URL(window.location.href);
    if (id) url.searchParams.set('category', id);
    else url.searchParams.delete('category');
    window.history.replaceState(window.history.state, '', url);
  };

  const newArticleHref = wsHref(`/knowledge-base/articles/new${category ? `?category=${category.id}` : ''}`);

  return (
    <div className="space-y-6" data-testid="kb-page">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <>
            <Button asChild variant="outline" data-testid="kb-quality-link">
              <Link href={wsHref('/knowledge-base/quality')}>
                <GaugeIcon aria-hidden />
                {tq('open')}
              </Link>
            </Button>
            {canWrite && (
              <Button asChild data-testid="kb-new-article">
                <Link href={newArticleHref}>
                  <PlusIcon aria-hidden />
                  {t('articles.new')}
                </Link>
              </Button>
            )}
          </>
        }
      />
      {!canWrite && <ViewerNote />}
      <div className="grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)] lg:items-start">
        <CategoryTree
          categories={categories.data}
          loading={categories.isPending}
          selected={selected}
          onSelect={select}
          canWrite={canWrite}
        />
        <ArticleList category={category} canWrite={canWrite} newArticleHref={newArticleHref} semantic={semantic} />
      </div>
    </div>
  );
}
