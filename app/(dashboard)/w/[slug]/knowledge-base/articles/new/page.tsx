// A new article; ?category= preselects the category it was started from, ?question= answers an
// unanswered question (its text becomes the title; saving resolves the question).
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { can } from '@/lib/auth/permissions';
import { ArticleEditor } from '@/components/kb/article-editor';
import { getUnansweredQuestion } from '@/lib/kb/unanswered/get-unanswered-question';
import { getCaller } from '../../../caller';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('kb.editor');
  return { title: t('newTitle') };
}

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ category?: string | string[]; question?: string | string[] }> };

export default async function NewArticlePage({ params, searchParams }: Props) {
  const [caller, { category, question }] = await Promise.all([getCaller(params), searchParams]);
  if (!can(caller.role, 'kb.write')) redirect(`/w/${caller.workspace.slug}/knowledge-base`);
  const fromQuestion = typeof question === 'string' ? await getUnansweredQuestion(caller.actor, question) : null;
  return (
    <ArticleEditor
      initial={null}
      canWrite
      initialCategory={typeof category === 'string' ? category : undefined}
      fromQuestion={fromQuestion ? { id: fromQuestion.id, question: fromQuestion.question } : undefined}
    />
  );
}
