import { can } from '@/lib/auth/permissions';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { KnowledgeBase } from '@/components/kb/knowledge-base';
import { getCaller } from '../caller';

export const generateMetadata = () => sectionMetadata('knowledgeBase');

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ category?: string | string[] }> };

export default async function KnowledgeBasePage({ params, searchParams }: Props) {
  const [caller, { category }] = await Promise.all([getCaller(params), searchParams]);
  return <KnowledgeBase canWrite={can(caller.role, 'kb.write')} initialCategory={typeof category === 'string' ? category : undefined} />;
}
