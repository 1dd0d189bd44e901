import { sectionMetadata } from '@/components/dashboard/section-metadata';
import { NotificationsPage } from '@/components/notifications/notifications-page';

export const generateMetadata = () => sectionMetadata('notifications');

export default function Page() {
  return <NotificationsPage />;
}
