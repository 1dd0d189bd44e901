import { Suspense } from 'react';
import { can } from '@/lib/auth/permissions';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { TestChatView } from '@/components/test-chat/test-chat-view';
import { getCaller } from '../caller';

export const generateMetadata = () => sectionMetadata('testChat');

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const caller = await getCaller(params);
  return (
    <Suspense>
      <TestChatView canWrite={can(caller.role, 'conversations.write') || can(caller.role, 'agents.write')} />
    </Suspense>
  );
}
