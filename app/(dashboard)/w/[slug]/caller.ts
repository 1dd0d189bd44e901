// One caller lookup per request, shared by the dashboard layout and its pages:
// the workspace is the one the URL names (/w/<slug>), never "the last used".
import { cache } from 'react';
import { requireWorkspacePage } from '@/lib/auth/page-caller';

export type SlugParams = Promise<{ slug: string }> | { slug: string };

const bySlug = cache((slug: string) => requireWorkspacePage(slug));

export async function getCaller(params: SlugParams) {
  return bySlug((await params).slug);
}
