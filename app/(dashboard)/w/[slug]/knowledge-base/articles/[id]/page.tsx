// An existing article in the editor: read on the server (404 for unknown ids), then kept fresh by the client.
import { cache } from 'react';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { can } from '@/lib/auth/permissions';
import { getArticle } from '@/lib/kb/articles/get-article';
import { AppError } from '@/lib/api/errors';
import { ArticleEditor } from '@/components/kb/article-editor';
import { getCaller } from '../../../caller';

type Props = { params: Promise<{ slug: string; id: string }> };

/** One read per request, shared by the metadata and the page. */
const loadArticle = cache(async (slug: string, raw: string) => {
  const id = Number(raw);
  if (!/^\d{1,10}$/.test(raw) || !Number.isSafeInteger(id) || id < 1 || id > 2147483647) notFound();
  const caller = await getCaller({ slug });
  try {
    return { caller, article: await getArticle(caller.actor, id) };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations('kb.editor');
  try {
    const { slug, id } = await params;
    const { article } = await loadArticle(slug, id);
    return { title: article.title };
  } catch {
    return { title: t('metaFallback') };
  }
}

export default async function ArticlePage({ params }: Props) {
  const { slug, id } = await params;
  const { caller, article } = await loadArticle(slug, id);
  return <ArticleEditor key={article.id} initial={article} canWrite={can(caller.role, 'kb.write')} />;
}
