import { Suspense } from 'react';
import { can } from '@/lib/auth/permissions';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { InboxView } from '@/components/inbox/inbox-view';
import { getCaller } from '../caller';

export const generateMetadata = () => sectionMetadata('conversations');

// The live inbox (issue 9): viewers read, members and up reply, take over and hand back.
export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const caller = await getCaller(params);
  return (
    <Suspense>
      <InboxView canWrite={can(caller.role, 'conversations.write')} me={caller.user.id} />
    </Suspense>
  );
}
