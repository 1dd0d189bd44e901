import { can } from '@/lib/auth/permissions';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { IntegrationsPage } from '@/components/integrations/integrations-page';
import { getCaller } from '../caller';

export const generateMetadata = () => sectionMetadata('integrations');

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const caller = await getCaller(params);
  return <IntegrationsPage canWrite={can(caller.role, 'integrations.write')} />;
}
