import { can } from '@/lib/auth/permissions';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { ClientsPage } from '@/components/crm/clients/clients-page';
import { getCaller } from '../caller';

export const generateMetadata = () => sectionMetadata('clients');

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const caller = await getCaller(params);
  return <ClientsPage canWrite={can(caller.role, 'crm.write')} />;
}
