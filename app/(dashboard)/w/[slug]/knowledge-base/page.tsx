import { can } from '@/lib/auth/permissions';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { KnowledgeBase } from '@/components/kb/knowledge-base';
import { embeddingsConfigured } from '@/lib/ai/embeddings';
import { searchCapabilities } from '@/lib/kb/search/capabilities';
import { getCaller } from '../caller';

export const generateMetadata = () => sectionMetadata('knowledgeBase');

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ category?: string | string[] }> };

export default async function KnowledgeBasePage({ params, searchParams }: Props) {
  const [caller, { category }, caps] = await Promise.all([getCaller(params), searchParams, searchCapabilities()]);
  return (
    <KnowledgeBase
      canWrite={can(caller.role, 'kb.write')}
      initialCategory={typeof category === 'string' ? category : undefined}
      semantic={caps.vector && embeddingsConfigured()}
    />
  );
}
