// Dashboard URLs always name their workspace: /w/<slug>/<section>.
export function workspacePath(slug: string, rest = ''): string {
  return `/w/${encodeURIComponent(slug)}${rest && !rest.startsWith('/') ? `/${rest}` : rest}`;
}

/** The slug of a dashboard pathname, if it is one. */
export function slugOfPath(pathname: string): string | null {
  return /^\/w\/([^/]+)/.exec(pathname)?.[1] ?? null;
}
