import { Suspense } from 'react';
import { can } from '@/lib/auth/permissions';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { DealsView } from '@/components/crm/deals/deals-view';
import { getCaller } from '../caller';

export const generateMetadata = () => sectionMetadata('deals');

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const caller = await getCaller(params);
  return (
    <Suspense>
      <DealsView canWrite={can(caller.role, 'crm.write')} />
    </Suspense>
  );
}
