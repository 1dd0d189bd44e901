import { can } from '@/lib/auth/permissions';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { KnowledgeBase } from '@/components/kb/knowledge-base';
import { getCaller } from '../caller';

export const generateMetadata = () => sectionMetadata('knowledgeBase');

type Props = { searchParams: Promise<{ category?: string | string[] }> };

export default async function KnowledgeBasePage({ searchParams }: Props) {
  const [caller, { category }] = await Promise.all([getCaller(), searchParams]);
  return <KnowledgeBase canWrite={can(caller.role, 'kb.write')} initialCategory={typeof category === 'string' ? category : undefined} />;
}
