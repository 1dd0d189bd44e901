/** Only same-origin paths may be used as a post-login destination (no open redirects). */
const PROBE_ORIGIN = 'https://safe-next.invalid';
// Browsers drop tabs and newlines inside URLs and read a backslash as a slash, so
// `/\t/evil.com` and `/\evil.com` both become `//evil.com`; refuse them outright.
const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f-\u009f\\]/;
const WHITESPACE = /\s/;

function looksSafe(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !CONTROL_OR_BACKSLASH.test(path);
}

export function safeNext(next: string | string[] | undefined, fallback = '/dashboard'): string {
  const v = Array.isArray(next) ? next[0] : next;
  if (typeof v !== 'string' || v.length > 2048 || WHITESPACE.test(v) || !looksSafe(v)) return fallback;
  // The same checks on the decoded form: a server or browser that decodes once more
  // (`/%2F%2Fevil`, `/%5Cevil`, `/%09/evil`) must not find a way out either.
  let decoded: string;
  try {
    decoded = decodeURIComponent(v);
  } catch {
    return fallback;
  }
  if (!looksSafe(decoded)) return fallback;
  let url: URL;
  try {
    url = new URL(v, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  // What we hand on is the parsed path, so what we checked is what the browser gets
  // (`/.//evil` parses to `//evil`: refuse that too).
  const out = url.pathname + url.search + url.hash;
  return looksSafe(out) ? out : fallback;
}

/** The invitation token when the destination is an invitation page. */
export function inviteTokenOf(next: string): string | undefined {
  return /^\/invite\/([A-Za-z0-9_-]{10,200})$/.exec(next)?.[1];
}
