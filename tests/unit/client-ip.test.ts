// Which address a request counts as: the socket (recorded by server.mjs) unless
// TRUSTED_PROXIES vouches for X-Forwarded-For entries.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientIpFrom, normalizeIp } from '@/lib/api/client-ip';
import { getEnv } from '@/lib/env';

const MARK = Symbol.for('salesagent.socketAddressHeader');
const HEADER = 'x-salesagent-socket-address';
const g = globalThis as Record<symbol, unknown>;

const ip = (headers: Record<string, string>, TRUSTED_PROXIES?: string) =>
  clientIpFrom(new Headers(headers), getEnv({ TRUSTED_PROXIES }));

describe('behind server.mjs', () => {
  beforeEach(() => {
    g[MARK] = HEADER;
  });
  afterEach(() => {
    delete g[MARK];
  });

  it('uses the socket address and ignores X-Forwarded-For without trusted proxies', () => {
    expect(ip({ [HEADER]: '192.0.2.7', 'x-forwarded-for': '203.0.113.1', 'x-real-ip': '203.0.113.2' })).toBe('192.0.2.7');
    expect(ip({ [HEADER]: '::ffff:192.0.2.7' })).toBe('192.0.2.7');
  });

  it('with a hop count, believes that many entries from the right', () => {
    const h = { [HEADER]: '10.0.0.2', 'x-forwarded-for': 'forged-by-client, 203.0.113.9, 10.0.0.1' };
    expect(ip(h, '1')).toBe('10.0.0.1');
    expect(ip(h, '2')).toBe('203.0.113.9');
    // More hops than entries: the left-most one, never something the client could append after.
    expect(ip({ [HEADER]: '10.0.0.2', 'x-forwarded-for': '203.0.113.9' }, '5')).toBe('203.0.113.9');
  });

  it('with CIDRs, skips trusted proxies from the right and stops at the first stranger', () => {
    const h = { [HEADER]: '10.0.0.2', 'x-forwarded-for': '198.51.100.66, 203.0.113.9, 10.1.2.3' };
    expect(ip(h, '10.0.0.0/8')).toBe('203.0.113.9');
    expect(ip(h, '10.0.0.0/8, 203.0.113.0/24')).toBe('198.51.100.66');
    // The socket is not a trusted proxy: whatever the header says does not count.
    expect(ip({ [HEADER]: '192.0.2.50', 'x-forwarded-for': '203.0.113.9' }, '10.0.0.0/8')).toBe('192.0.2.50');
    expect(ip({ [HEADER]: '::1', 'x-forwarded-for': '2001:db8::5' }, '::1/128')).toBe('2001:db8::5');
  });

  it('falls back to the peer when a trusted position holds garbage', () => {
    expect(ip({ [HEADER]: '10.0.0.2', 'x-forwarded-for': 'not-an-ip' }, '1')).toBe('10.0.0.2');
  });
});

describe('without server.mjs (handlers called directly, a bare next start)', () => {
  it('falls back to X-Forwarded-For as Next.js fills it, counting hops from the nearest proxy', () => {
    expect(ip({ 'x-forwarded-for': '203.0.113.1, 198.51.100.2' })).toBe('198.51.100.2');
    expect(ip({ 'x-forwarded-for': '203.0.113.1, 198.51.100.2' }, '1')).toBe('198.51.100.2');
    expect(ip({ 'x-forwarded-for': '203.0.113.1, 198.51.100.2' }, '2')).toBe('203.0.113.1');
    // Our header means nothing when server.mjs is not in front: anyone could have sent it.
    expect(ip({ [HEADER]: '192.0.2.7', 'x-forwarded-for': '198.51.100.2' })).toBe('198.51.100.2');
  });
});

describe('normalizeIp', () => {
  it.each([
    ['192.0.2.1:5555', '192.0.2.1'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['::FFFF:192.0.2.1', '192.0.2.1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['evil.example', null],
    ['', null],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeIp(raw)).toBe(expected);
  });
});

describe('TRUSTED_PROXIES', () => {
  it('parses nothing, a hop count or CIDRs, and refuses nonsense naming the variable', () => {
    expect(getEnv({}).TRUSTED_PROXIES).toEqual({ kind: 'none' });
    expect(getEnv({ TRUSTED_PROXIES: '2' }).TRUSTED_PROXIES).toEqual({ kind: 'hops', hops: 2 });
    expect(getEnv({ TRUSTED_PROXIES: '10.0.0.0/8, ::1' }).TRUSTED_PROXIES).toEqual({ kind: 'cidrs', cidrs: ['10.0.0.0/8', '::1'] });
    expect(() => getEnv({ TRUSTED_PROXIES: 'nginx' })).toThrow(/TRUSTED_PROXIES/);
    expect(getEnv({}).RATE_LIMIT_AUTH_ACCOUNT_CEILING_PER_MIN).toBe(20);
  });
});
