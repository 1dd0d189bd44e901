import { can } from '@/lib/auth/permissions';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { MyTasks } from '@/components/crm/tasks/my-tasks';
import { getCaller } from '../caller';

export const generateMetadata = () => sectionMetadata('tasks');

export default async function TasksPage({ params }: { params: Promise<{ slug: string }> }) {
  const caller = await getCaller(params);
  return <MyTasks canWrite={can(caller.role, 'crm.write')} userId={caller.user.id} />;
}
