// A workspace key's base URL: http(s) only, and no loopback / private / link-local address
// (the server would otherwise call into its own network for whoever is an admin somewhere)
// unless AI_ALLOW_PRIVATE_BASE_URLS is set — a self-hosted Ollama next to the app needs it.
import net from 'node:net';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/api/errors';

function privateV4(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number) as [number, number];
  return (
    a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224
  );
}

function privateV6(ip: string): boolean {
  const v = ip.toLowerCase();
  if (v === '::' || v === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v);
  if (mapped) return privateV4(mapped[1]!);
  return /^f[cd]/.test(v) || /^fe[89ab]/.test(v) || /^ff/.test(v);
}

/** True when the host names this machine or a private network (by name or literal address). */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return true;
  if (net.isIPv4(host)) return privateV4(host);
  if (net.isIPv6(host)) return privateV6(host);
  // A single-label name (e.g. `ollama` in docker compose) resolves inside the private network.
  return !host.includes('.');
}

function refuse(code: string, message: string): AppError {
  return new AppError(400, code, message, { fields: [{ field: 'base_url', code, message }] });
}

/** The normalised URL, or a 400 naming base_url. */
export function checkBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('invalid_url', 'base_url must be a URL such as https://api.example.com/v1');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse('invalid_url', 'base_url must start with http:// or https://');
  if (url.username || url.password) throw refuse('invalid_url', 'base_url must not contain a user name or password');
  if (isPrivateHost(url.hostname) && !getEnv().AI_ALLOW_PRIVATE_BASE_URLS) {
    throw refuse('base_url_not_allowed', 'base_url points to this server or a private network; set AI_ALLOW_PRIVATE_BASE_URLS=1 to allow it (self-hosted models)');
  }
  return url.toString().replace(/\/$/, '');
}
