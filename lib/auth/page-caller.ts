// The signed-in caller for server components and pages (dashboard session cookie).
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { resolveCaller, type Caller, type WorkspaceCaller } from './resolve-caller';
import { AppError } from '@/lib/api/errors';
import { memberOfSlug } from '@/lib/workspaces/resolve-membership';

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

/**
 * For dashboard pages under /w/<slug>: the caller acting in the workspace the
 * URL names. Not a member (or no such slug) is a 404, so slugs reveal nothing.
 */
export async function requireWorkspacePage(slug: string): Promise<WorkspaceCaller> {
  const caller = await getPageCaller();
  if (!caller) redirect(`/login?next=${encodeURIComponent(`/w/${slug}`)}`);
  const m = memberOfSlug(caller.memberships, slug);
  if (!m) notFound();
  return { ...caller, workspace: m.workspace, role: m.role, actor: { ...caller.actor, workspaceId: m.workspace.id, role: m.role } };
}

/** Where a signed-in user lands: the last used workspace, else the oldest; null without any. */
export async function landingPath(rest = ''): Promise<string | null> {
  const caller = await getPageCaller();
  if (!caller) return null;
  const ws = caller.workspace;
  return ws ? `/w/${ws.slug}${rest}` : '/login?error=no_workspace';
}
