import { redirect } from 'next/navigation';
import { landingPath } from '@/lib/auth/page-caller';

// The product lives in the dashboard of a workspace; signed-out visitors are sent to /login by proxy.ts.
export default async function Home() {
  redirect((await landingPath()) ?? '/login');
}
