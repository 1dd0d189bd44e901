// WhatsApp webhook, both halves. GET: Meta's verification handshake with the verify token of
// THIS connection (403 otherwise). POST (inside webhookRoute, signature already checked on the
// raw body): each message and each status is stored as its own channel_updates row (key: the
// wamid, or status:<wamid>:<status>) in a one-item envelope, so a repeated delivery stores
// nothing twice and the jobs layer parses one item per row. Answers at once.
import { sql } from 'drizzle-orm';
import { AppError, notFound } from '@/lib/api/errors';
import { errorResponse } from '@/lib/api/error-response';
import { findWebhookConnection, type WebhookContext } from '@/lib/api/webhook-route';
import { queryRows, systemActor, withActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { logger } from '@/lib/log/logger';
import { storeChannelUpdate } from '../inbound/store-update';
import { changeValues, isWhatsAppEnvelope } from './parse-update';
import { safeEqual } from './verify-signature';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

async function readConfig(tx: Tx, id: string): Promise<Obj> {
  const [row] = await queryRows<{ config: Obj | null }>(tx, sql`select config from public.integrations where id = ${id}::uuid`);
  return row?.config ?? {};
}

export async function answerWhatsAppHandshake(req: Request, connectionId: string): Promise<Response> {
  const url = new URL(req.url);
  try {
    const found = await findWebhookConnection(connectionId);
    if (!found || found.type !== 'whatsapp') throw notFound('Connection');
    const mode = url.searchParams.get('hub.mode');
    const token = url.searchParams.get('hub.verify_token') ?? '';
    const challenge = url.searchParams.get('hub.challenge') ?? '';
    const actor = systemActor('webhook:whatsapp', found.workspaceId);
    const ok = await withActor(actor, async (tx) => {
      const config = await readConfig(tx, found.id);
      const expected = typeof config.verify_token === 'string' ? config.verify_token : '';
      if (mode !== 'subscribe' || !expected || !safeEqual(token, expected) || !challenge || challenge.length > 512) return false;
      await tx.execute(sql`update public.integrations set webhook_status = 'set', updated_at = now()
          where id = ${found.id}::uuid and webhook_status <> 'set'`);
      return true;
    });
    logger.info({ connection_id: found.id, verified: ok }, 'whatsapp webhook verification');
    if (!ok) throw new AppError(403, 'forbidden', 'The verify token does not match this connection');
    return new Response(challenge, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  } catch (err) {
    return errorResponse(err, crypto.randomUUID());
  }
}

/** One-item envelope: the same shape Meta sends, holding just this message or status. */
function envelope(entryId: unknown, value: Obj, item: { messages?: unknown[]; statuses?: unknown[]; contacts?: unknown[] }) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: entryId ?? null,
        changes: [
          {
            field: 'messages',
            value: { messaging_product: value.messaging_product ?? 'whatsapp', metadata: value.metadata ?? {}, ...item },
          },
        ],
      },
    ],
  };
}

export async function storeWhatsAppDelivery(ctx: WebhookContext, tx: Tx): Promise<{ ok: true; stored: number; duplicates: number }> {
  const payload = ctx.json();
  if (!isWhatsAppEnvelope(payload)) {
    throw new AppError(400, 'invalid_payload', 'Not a WhatsApp Business webhook payload', {
      fields: [{ field: 'object', code: 'invalid_value', message: 'expected "whatsapp_business_account" with entry[]' }],
    });
  }
  const config = await readConfig(tx, ctx.connection.id);
  const ours = typeof config.phone_number_id === 'string' ? config.phone_number_id : null;
  let stored = 0;
  let duplicates = 0;
  const entries = (payload.entry as unknown[]).filter(isObj);
  for (const entry of entries) {
    for (const { phoneNumberId, value } of changeValues({ object: payload.object, entry: [entry] })) {
      // One Meta app may post every number of its account to this URL: keep this connection's.
      if (ours && phoneNumberId && phoneNumberId !== ours) continue;
      const contacts = Array.isArray(value.contacts) ? value.contacts.filter(isObj) : [];
      const items: { key: string; body: Obj }[] = [];
      for (const m of Array.isArray(value.messages) ? value.messages.filter(isObj) : []) {
        if (typeof m.id !== 'string' || !m.id) continue;
        const sender = contacts.filter((c) => c.wa_id === m.from);
        items.push({ key: m.id, body: envelope(entry.id, value, { contacts: sender, messages: [m] }) });
      }
      for (const s of Array.isArray(value.statuses) ? value.statuses.filter(isObj) : []) {
        if (typeof s.id !== 'string' || !s.id || typeof s.status !== 'string') continue;
        items.push({ key: `status:${s.id}:${s.status}`, body: envelope(entry.id, value, { statuses: [s] }) });
      }
      for (const item of items) {
        const res = await storeChannelUpdate(tx, {
          workspaceId: ctx.workspaceId,
          integrationId: ctx.connection.id,
          updateKey: item.key.slice(0, 255),
          payload: item.body,
        });
        if (res.outcome === 'stored') stored++;
        else duplicates++;
      }
    }
  }
  return { ok: true, stored, duplicates };
}
