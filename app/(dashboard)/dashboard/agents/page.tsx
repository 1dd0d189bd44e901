import { can } from '@/lib/auth/permissions';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { AgentsList } from '@/components/agents/agents-list';
import { getCaller } from '../caller';

export const generateMetadata = () => sectionMetadata('agents');

export default async function AgentsPage() {
  const caller = await getCaller();
  return <AgentsList canWrite={can(caller.role, 'agents.write')} />;
}
