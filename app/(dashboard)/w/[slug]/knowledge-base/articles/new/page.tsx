// A new article; ?category= preselects the category it was started from.
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { can } from '@/lib/auth/permissions';
import { ArticleEditor } from '@/components/kb/article-editor';
import { getCaller } from '../../../caller';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('kb.editor');
  return { title: t('newTitle') };
}

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ category?: string | string[] }> };

export default async function NewArticlePage({ params, searchParams }: Props) {
  const [caller, { category }] = await Promise.all([getCaller(params), searchParams]);
  if (!can(caller.role, 'kb.write')) redirect(`/w/${caller.workspace.slug}/knowledge-base`);
  return <ArticleEditor initial={null} canWrite initialCategory={typeof category === 'string' ? category : undefined} />;
}
