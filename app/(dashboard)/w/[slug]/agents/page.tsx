import { can } from '@/lib/auth/permissions';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { AgentsList } from '@/components/agents/agents-list';
import { getCaller } from '../caller';

export const generateMetadata = () => sectionMetadata('agents');

export default async function AgentsPage({ params }: { params: Promise<{ slug: string }> }) {
  const caller = await getCaller(params);
  return <AgentsList canWrite={can(caller.role, 'agents.write')} />;
}
