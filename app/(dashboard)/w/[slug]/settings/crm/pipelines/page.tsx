import { can } from '@/lib/auth/permissions';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { PipelinesSettings } from '@/components/crm/setup/pipelines-settings';
import { getCaller } from '../../../caller';

export const generateMetadata = () => sectionMetadata('settings');

export default async function PipelinesPage({ params }: { params: Promise<{ slug: string }> }) {
  const caller = await getCaller(params);
  return <PipelinesSettings canWrite={can(caller.role, 'crm.write')} canAdmin={can(caller.role, 'crm.admin')} />;
}
