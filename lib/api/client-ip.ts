// The client's address for rate limits and the audit trail, in a way no client can forge.
// server.mjs (our HTTP entry point) records the TCP peer's address in a header it
// overwrites; X-Forwarded-For is believed only as far as TRUSTED_PROXIES says.
import net from 'node:net';
import { getEnv, type Env, type TrustedProxies } from '@/lib/env';
import { logger } from '@/lib/log/logger';

/** Set by server.mjs to the name of the header it writes; absent when Next.js runs without it. */
const SOCKET_HEADER_MARK = Symbol.for('salesagent.socketAddressHeader');

interface HeaderSource {
  get(name: string): string | null;
}

/** Strips ports, brackets and the IPv4-mapped prefix; null for anything that is not an IP. */
export function normalizeIp(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let v = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(':'));
  v = v.replace(/%[0-9a-z]+$/i, '');
  if (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(v)) v = v.slice(7);
  return net.isIP(v) ? v.toLowerCase() : null;
}

function socketHeaderName(): string | null {
  const name = (globalThis as Record<symbol, unknown>)[SOCKET_HEADER_MARK];
  return typeof name === 'string' ? name : null;
}

const blockLists = new Map<string, net.BlockList>();
function trustedSet(cidrs: string[]): net.BlockList {
  const key = cidrs.join(',');
  let list = blockLists.get(key);
  if (!list) {
    list = new net.BlockList();
    for (const c of cidrs) {
      const [addr, prefix] = c.split('/');
      const ip = normalizeIp(addr);
      if (!ip) continue;
      const type = net.isIPv6(ip) ? 'ipv6' : 'ipv4';
      if (prefix === undefined) list.addAddress(ip, type);
      else list.addSubnet(ip, Number(prefix), type);
    }
    blockLists.set(key, list);
  }
  return list;
}

function isTrusted(ip: string, cidrs: string[]): boolean {
  return trustedSet(cidrs).check(ip, net.isIPv6(ip) ? 'ipv6' : 'ipv4');
}

/**
 * Picks the client from the chain of addresses, left = farthest, right = the TCP peer.
 * Only entries appended by trusted proxies are believed: a client can put anything
 * at the left end of X-Forwarded-For, so nothing left of the trusted part counts.
 */
export function pickClient(chain: (string | null)[], trust: TrustedProxies): string | null {
  const peer = chain.at(-1) ?? null;
  if (!peer) return null;
  let index = chain.length - 1;
  if (trust.kind === 'hops') {
    index = Math.max(0, chain.length - 1 - trust.hops);
  } else if (trust.kind === 'cidrs') {
    while (index > 0 && chain[index] && isTrusted(chain[index]!, trust.cidrs)) index--;
  }
  // An unparsable entry where a proxy's should be is a misconfiguration: fall back to the peer.
  return chain[index] ?? peer;
}

let warnedNoServer = false;

/** The client address for a request's headers (route handlers, server actions, next-auth). */
export function clientIpFrom(headers: HeaderSource, env: Env = getEnv()): string | null {
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(normalizeIp);
  const header = socketHeaderName();
  if (header) {
    const peer = normalizeIp(headers.get(header));
    if (!peer) return null;
    if (env.TRUSTED_PROXIES.kind === 'none') return peer;
    return pickClient([...forwarded, peer], env.TRUSTED_PROXIES);
  }
  // Without server.mjs (tests calling handlers directly, a bare `next start`) the socket
  // is not visible here; Next.js writes it into X-Forwarded-For only when the client
  // sent none, so the right-most entry stands in for it, forgeable as that is.
  if (env.NODE_ENV === 'production' && !warnedNoServer) {
    warnedNoServer = true;
    logger.warn('client addresses come from X-Forwarded-For: start the app with `npm start` (server.mjs) so clients cannot choose them');
  }
  const chain = forwarded.length ? forwarded : [normalizeIp(headers.get('x-real-ip'))];
  const trust = env.TRUSTED_PROXIES;
  // Here the nearest proxy is not in the chain (no socket): with N proxies, the client
  // is what the nearest one appended, N-1 entries further left of it.
  if (trust.kind === 'hops') return chain[Math.max(0, chain.length - trust.hops)] ?? null;
  return pickClient(chain, trust);
}
