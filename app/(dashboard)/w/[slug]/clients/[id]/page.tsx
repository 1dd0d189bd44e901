import { notFound } from 'next/navigation';
import { can } from '@/lib/auth/permissions';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { ClientCard } from '@/components/crm/clients/client-card';
import { getCaller } from '../../caller';

export const generateMetadata = () => sectionMetadata('clients');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function Page({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const [caller, { id }] = await Promise.all([getCaller(params), params]);
  if (!UUID.test(id)) notFound();
  return <ClientCard id={id} canWrite={can(caller.role, 'crm.write')} canAdmin={can(caller.role, 'crm.admin')} />;
}
