import { Suspense } from 'react';
import { can } from '@/lib/auth/permissions';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { ConversationsView } from '@/components/crm/deals/conversations-view';
import { getCaller } from '../caller';

export const generateMetadata = () => sectionMetadata('conversations');

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const caller = await getCaller(params);
  return (
    <Suspense>
      <ConversationsView canWrite={can(caller.role, 'conversations.write') && can(caller.role, 'crm.write')} />
    </Suspense>
  );
}
