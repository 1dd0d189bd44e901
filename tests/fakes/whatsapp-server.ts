/**
 * Fake WhatsApp Business Cloud API (Graph API) for tests, node's `http` only, speaking the
 * wire format of shared/integration-facts.md §3.
 *
 *   const wa = await startFakeWhatsApp();
 *   process.env.WHATSAPP_API_URL = wa.url;          // http://127.0.0.1:<port>/v21.0
 *   ... connect with { phone_number_id: wa.phoneNumberId, access_token: wa.token, app_secret: 'x' }
 *   wa.sent  // [{ to, text, id }]
 *   await wa.close();
 *
 * Endpoints (under /v21.0, bearer token required; a wrong one → 401 OAuthException code 190):
 *   GET  /<phone_number_id>            { verified_name, display_phone_number, id, quality_rating }
 *   POST /<phone_number_id>/messages   text only: { messaging_product, contacts, messages:[{id:"wamid…"}] }
 *   GET  /<media_id>                   { url, mime_type, sha256, file_size, id } (url points back here)
 *   GET  /__media/<media_id>           the bytes (bearer token required, as Meta's lookaside URL)
 * A recipient marked with closeWindow(wa_id) gets error 131047 (re-engagement), as Meta does
 * outside the 24-hour window. failNext(op, …) makes the next call of an operation fail.
 * Control (Playwright): GET /__control/sent, GET /__control/calls, POST /__control/reset.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeWhatsAppOp = 'phone' | 'send' | 'media' | 'download';

export interface FakeWhatsAppCall {
  op: FakeWhatsAppOp | 'unknown';
  method: string;
  path: string;
  /** Whether the bearer token was a valid one (the token itself is never recorded). */
  authorized: boolean;
  body: unknown;
}

export interface FakeWhatsAppSent {
  to: string;
  text: string;
  id: string;
  phoneNumberId: string;
}

export interface FakeFailure {
  status: number;
  code?: number;
  message?: string;
  subcode?: number;
  retryAfter?: number;
}

export interface FakeWhatsApp {
  /** Graph base with version, for WHATSAPP_API_URL. */
  url: string;
  origin: string;
  /** A valid access token. */
  token: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  calls: FakeWhatsAppCall[];
  sent: FakeWhatsAppSent[];
  failNext(op: FakeWhatsAppOp, failure: FakeFailure, times?: number): void;
  setMedia(mediaId: string, bytes: Uint8Array | string, mimeType: string): void;
  closeWindow(waId: string): void;
  openWindow(waId: string): void;
  reset(): void;
  close(): Promise<void>;
}

export interface FakeWhatsAppOptions {
  token?: string;
  phoneNumberId?: string;
  displayPhoneNumber?: string;
  /** Any token of 20+ characters is valid unless it starts with "invalid" (Playwright runs). */
  acceptAnyToken?: boolean;
}

const VERSION = 'v21.0';

function graphError(res: http.ServerResponse, f: FakeFailure) {
  const type = f.status === 401 ? 'OAuthException' : 'GraphMethodException';
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (f.retryAfter) headers['retry-after'] = String(f.retryAfter);
  res.writeHead(f.status, headers);
  res.end(
    JSON.stringify({
      error: {
        message: f.message ?? 'An unknown error has occurred.',
        type,
        code: f.code ?? (f.status === 401 ? 190 : 100),
        ...(f.subcode ? { error_subcode: f.subcode } : {}),
        fbtrace_id: crypto.randomBytes(8).toString('hex'),
      },
    }),
  );
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startFakeWhatsApp(opts: FakeWhatsAppOptions = {}): Promise<FakeWhatsApp> {
  const token = opts.token ?? `EAAG${crypto.randomBytes(24).toString('hex')}`;
  const phoneNumberId = opts.phoneNumberId ?? '106540352242922';
  const displayPhoneNumber = opts.displayPhoneNumber ?? '+7 701 555 0101';
  const calls: FakeWhatsAppCall[] = [];
  const sent: FakeWhatsAppSent[] = [];
  const failures = new Map<FakeWhatsAppOp, FakeFailure[]>();
  const media = new Map<string, { bytes: Buffer; mimeType: string }>();
  const closed = new Set<string>();
  let origin = '';

  const valid = (t: string | null) =>
    !!t && (t === token || (opts.acceptAnyToken === true && t.length >= 20 && !t.startsWith('invalid')));

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = undefined;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          body = raw;
        }
      }
      const method = req.method ?? 'GET';
      // Control endpoints (no auth).
      if (url.pathname === '/__control/sent') return json(res, 200, { sent });
      if (url.pathname === '/__control/calls') return json(res, 200, { calls });
      if (url.pathname === '/__control/reset' && method === 'POST') {
        api.reset();
        return json(res, 200, { ok: true });
      }
      const auth = req.headers.authorization ?? '';
      const bearer = auth.startsWith('Bearer ') ? auth.slice(7) : null;
      const authorized = valid(bearer);
      const segs = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      let op: FakeWhatsAppOp | 'unknown' = 'unknown';
      if (segs[0] === '__media' && segs.length === 2 && method === 'GET') op = 'download';
      else if (segs[0] === VERSION && segs.length === 2 && method === 'GET') op = segs[1] === phoneNumberId ? 'phone' : 'media';
      else if (segs[0] === VERSION && segs.length === 3 && segs[2] === 'messages' && method === 'POST') op = 'send';
      calls.push({ op, method, path: url.pathname, authorized, body });
      if (op === 'unknown') return graphError(res, { status: 400, code: 100, message: 'Unknown path components' });
      if (!authorized) {
        if (op === 'download') {
          res.writeHead(404);
          return res.end();
        }
        return graphError(res, { status: 401, code: 190, message: 'Invalid OAuth access token - Cannot parse access token' });
      }
      const queue = failures.get(op);
      const failure = queue?.shift();
      if (failure) return graphError(res, failure);

      if (op === 'phone') {
        return json(res, 200, { verified_name: 'Тестовая компания', display_phone_number: displayPhoneNumber, id: phoneNumberId, quality_rating: 'GREEN' });
      }
      if (op === 'media') {
        const m = media.get(segs[1]);
        if (!m) {
          return graphError(res, {
            status: 400,
            code: 100,
            subcode: 33,
            message: `Unsupported get request. Object with ID '${segs[1]}' does not exist`,
          });
        }
        return json(res, 200, {
          messaging_product: 'whatsapp',
          url: `${origin}/__media/${encodeURIComponent(segs[1])}`,
          mime_type: m.mimeType,
          sha256: crypto.createHash('sha256').update(m.bytes).digest('hex'),
          file_size: m.bytes.byteLength,
          id: segs[1],
        });
      }
      if (op === 'download') {
        const m = media.get(segs[1]);
        if (!m) {
          res.writeHead(404);
          return res.end();
        }
        res.writeHead(200, { 'content-type': m.mimeType, 'content-length': String(m.bytes.byteLength) });
        return res.end(m.bytes);
      }
      // send
      if (segs[1] !== phoneNumberId) {
        return graphError(res, { status: 400, code: 100, subcode: 33, message: `Unsupported post request. Object with ID '${segs[1]}' does not exist` });
      }
      const b = (body ?? {}) as { messaging_product?: string; to?: string; type?: string; text?: { body?: string } };
      if (b.messaging_product !== 'whatsapp' || !b.to || b.type !== 'text' || typeof b.text?.body !== 'string' || !b.text.body) {
        return graphError(res, { status: 400, code: 100, message: '(#100) Invalid parameter' });
      }
      if (b.text.body.length > 4096) {
        return graphError(res, { status: 400, code: 100, message: '(#100) Param text[\'body\'] must be at most 4096 characters long.' });
      }
      if (closed.has(b.to)) {
        return graphError(res, {
          status: 400,
          code: 131047,
          message: '(#131047) Re-engagement message',
        });
      }
      const id = `wamid.${crypto.randomBytes(16).toString('base64url')}`;
      sent.push({ to: b.to, text: b.text.body, id, phoneNumberId: segs[1] });
      return json(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: b.to, wa_id: b.to }], messages: [{ id }] });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  const api: FakeWhatsApp = {
    url: `${origin}/${VERSION}`,
    origin,
    token,
    phoneNumberId,
    displayPhoneNumber,
    calls,
    sent,
    failNext(op, failure, times = 1) {
      const q = failures.get(op) ?? [];
      for (let i = 0; i < times; i++) q.push(failure);
      failures.set(op, q);
    },
    setMedia(mediaId, bytes, mimeType) {
      media.set(mediaId, { bytes: Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes) : bytes), mimeType });
    },
    closeWindow: (waId) => void closed.add(waId),
    openWindow: (waId) => void closed.delete(waId),
    reset() {
      calls.length = 0;
      sent.length = 0;
      failures.clear();
      closed.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
  return api;
}

/** The X-Hub-Signature-256 header Meta sends: sha256=<hex HMAC of the raw body with the app secret>. */
export function signWhatsApp(rawBody: string | Uint8Array, appSecret: string): string {
  return `sha256=${crypto.createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** A webhook body as Meta sends it, for the given messages / statuses. */
export function whatsappEnvelope(
  value: { messages?: unknown[]; statuses?: unknown[]; contacts?: unknown[] },
  opts: { phoneNumberId?: string; displayPhoneNumber?: string; wabaId?: string } = {},
) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: opts.wabaId ?? '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: opts.displayPhoneNumber ?? '77015550101', phone_number_id: opts.phoneNumberId ?? '106540352242922' },
              ...value,
            },
          },
        ],
      },
    ],
  };
}
