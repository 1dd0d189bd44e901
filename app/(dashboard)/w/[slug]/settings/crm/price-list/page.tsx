import { can } from '@/lib/auth/permissions';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { PriceListSettings } from '@/components/crm/setup/price-list-settings';
import { getCaller } from '../../../caller';

export const generateMetadata = () => sectionMetadata('settings');

export default async function PriceListPage({ params }: { params: Promise<{ slug: string }> }) {
  const caller = await getCaller(params);
  return <PriceListSettings canWrite={can(caller.role, 'crm.write')} canAdmin={can(caller.role, 'crm.admin')} />;
}
