// The proxy's security headers: HSTS only when the app is served over https, no framing
// except for the widget path, a fresh nonce per page, none of the script policy on API answers.
import { afterEach, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';
import { resetEnvCache } from '@/lib/env';

function run(url: string, init?: ConstructorParameters<typeof NextRequest>[1]) {
  return proxy(new NextRequest(url, init));
}

afterEach(() => {
  delete process.env.APP_URL;
  resetEnvCache();
});

describe('security headers from the proxy', () => {
  it('HSTS and upgrade-insecure-requests when APP_URL is https, neither over plain http', () => {
    process.env.APP_URL = 'https://app.example.com';
    resetEnvCache();
    const secure = run('https://app.example.com/login');
    expect(secure.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(secure.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');

    process.env.APP_URL = 'http://127.0.0.1:3000';
    resetEnvCache();
    const plain = run('http://127.0.0.1:3000/login');
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    expect(plain.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
  });

  it('pages get a fresh nonce each time and may not be framed; the widget path may be', () => {
    const a = run('http://localhost/login').headers;
    const b = run('http://localhost/login').headers;
    const nonce = (h: Headers) => /'nonce-([^']+)'/.exec(h.get('content-security-policy') ?? '')?.[1];
    expect(nonce(a)).toBeTruthy();
    expect(nonce(a)).not.toBe(nonce(b));
    expect(a.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(a.get('x-frame-options')).toBe('DENY');
    const widget = run('http://localhost/widget/abc').headers;
    expect(widget.get('content-security-policy')).toContain('frame-ancestors *');
    expect(widget.get('x-frame-options')).toBeNull();
  });

  it('API answers get nosniff and the referrer policy but no page script policy', () => {
    const h = run('http://localhost/api/health').headers;
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(h.get('content-security-policy')).toBeNull();
  });

  it('a path that is not valid percent-encoding is a 400 with the JSON envelope', async () => {
    const res = run('http://localhost/api/agents/%E0%A4%A');
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_path');
  });
});
