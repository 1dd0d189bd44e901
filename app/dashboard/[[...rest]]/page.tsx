// Old and post-sign-in links: /dashboard/<section> lands in the last used workspace's /w/<slug>/<section>.
import { redirect } from 'next/navigation';
import { landingPath } from '@/lib/auth/page-caller';

export default async function DashboardRedirect({ params }: { params: Promise<{ rest?: string[] }> }) {
  const { rest } = await params;
  const tail = (rest ?? []).map(encodeURIComponent).join('/');
  redirect((await landingPath(tail ? `/${tail}` : '')) ?? '/login');
}
