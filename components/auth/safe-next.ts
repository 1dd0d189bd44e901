/** Only same-site paths may be used as a post-login destination (no open redirects). */
export function safeNext(next: string | string[] | undefined, fallback = '/dashboard'): string {
  const v = Array.isArray(next) ? next[0] : next;
  if (!v || !v.startsWith('/') || v.startsWith('//') || v.startsWith('/\\')) return fallback;
  return v;
}

/** The invitation token when the destination is an invitation page. */
export function inviteTokenOf(next: string): string | undefined {
  return /^\/invite\/([A-Za-z0-9_-]{10,200})$/.exec(next)?.[1];
}
