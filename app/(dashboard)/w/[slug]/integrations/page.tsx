import { ComingSoon } from '@/components/dashboard/coming-soon';
import { sectionMetadata } from '@/components/dashboard/section-metadata';

export const generateMetadata = () => sectionMetadata('integrations');

export default function Page() {
  return <ComingSoon section="integrations" />;
}
