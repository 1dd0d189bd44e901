import { can } from '@/lib/auth/permissions';
import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { FieldsSettings } from '@/components/crm/setup/fields-settings';
import { getCaller } from '../../../caller';

export const generateMetadata = () => sectionMetadata('settings');

export default async function FieldsPage({ params }: { params: Promise<{ slug: string }> }) {
  const caller = await getCaller(params);
  return <FieldsSettings canWrite={can(caller.role, 'crm.write')} canAdmin={can(caller.role, 'crm.admin')} />;
}
