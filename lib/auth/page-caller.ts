// The signed-in caller for server components and pages (dashboard session cookie).
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { resolveCaller, type Caller, type WorkspaceCaller } from './resolve-caller';
import { AppError } from '@/lib/api/errors';

export async function getPageCaller(): Promise<Caller | null> {
  const h = await headers();
  const req = new Request('http://internal/', { headers: new Headers(h) });
  req.headers.delete('authorization');
  try {
    return await resolveCaller(req, { ip: null, userAgent: h.get('user-agent') }, { requireWorkspace: false });
  } catch (err) {
    if (err instanceof AppError && err.status === 401) return null;
    throw err;
  }
}

/** For dashboard pages: the caller with a workspace, or a redirect to /login. */
export async function requirePageCaller(nextPath = '/dashboard'): Promise<WorkspaceCaller> {
  const caller = await getPageCaller();
  if (!caller) redirect(`/login?next=${encodeURIComponent(nextPath)}`);
  if (!caller.workspace || !caller.role) redirect('/login?error=no_workspace');
  return caller as WorkspaceCaller;
}
