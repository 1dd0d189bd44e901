// Hosts `next dev` serves its dev resources (scripts, HMR) to, besides localhost.
export function devOrigins(appUrl?: string): string[] {
  const hosts = new Set(['127.0.0.1', '::1', '[::1]', '*.localhost']);
  if (appUrl) {
    try {
      hosts.add(new URL(appUrl).hostname);
    } catch {
      // APP_URL is validated by lib/env; nothing to add from a broken one.
    }
  }
  return [...hosts];
}
