// Connects the workspace's WhatsApp Business number (Cloud API). The access token is checked
// with GET /<phone_number_id> before anything is stored (outside a transaction); the token and
// the app secret are sealed (credentials), the rest is plain config. The verify token is what
// the owner pastes into Meta's dashboard with the webhook URL: generated when not given, kept
// on a reconnect so the registered webhook keeps working.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { AppError } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { assertCan } from '@/lib/auth/permissions';
import { systemActor, withActor, type WorkspaceActor } from '@/lib/db/actor';
import { saveIntegration } from '@/lib/integrations/secrets';
import { CHANNELS_ACTOR, ChannelSendError } from '../types';
import { graphRequest } from './graph-api';
import { assertWorkspacePipeline } from '../connections/assert-pipeline';
import { loadIntegrationRow, presentIntegration } from '../connections/present-integration';
import { connectWhatsAppSchema } from './schemas';

interface PhoneNumberInfo {
  display_phone_number?: string;
  verified_name?: string;
}

/** Asks Meta about the number with the token: valid token + existing number, or a 4xx/502. */
async function checkPhoneNumber(phoneNumberId: string, accessToken: string): Promise<PhoneNumberInfo> {
  let res;
  try {
    res = await graphRequest<PhoneNumberInfo>('GET', `${phoneNumberId}?fields=display_phone_number,verified_name`, accessToken);
  } catch (err) {
    if (err instanceof ChannelSendError) throw new AppError(502, 'provider_unreachable', 'The WhatsApp API could not be reached');
    throw err;
  }
  if (res.ok) return res.body ?? {};
  const e = res.error!;
  if (e.status === 401 || e.code === 190) {
    throw new AppError(400, 'invalid_access_token', 'WhatsApp refused the access token', {
      fields: [{ field: 'access_token', code: 'invalid_access_token', message: 'The access token is invalid or expired' }],
    });
  }
  if (e.status >= 500 || e.status === 429) throw new AppError(502, 'provider_unreachable', 'The WhatsApp API did not answer properly');
  throw new AppError(400, 'invalid_phone_number_id', 'WhatsApp does not know this phone number id for the token', {
    fields: [{ field: 'phone_number_id', code: 'invalid_phone_number_id', message: e.message }],
  });
}

export async function connectWhatsApp(actor: WorkspaceActor, raw: unknown) {
  assertCan(actor, 'integrations.write');
  const input = connectWhatsAppSchema.parse(raw);
  const info = await checkPhoneNumber(input.phone_number_id, input.access_token);
  return withActor(actor, async (tx) => {
    await assertWorkspacePipeline(tx, actor.workspaceId, input.pipeline_id);
    const existing = await loadIntegrationRow(tx, actor.workspaceId, 'whatsapp');
    const previous = existing?.config ?? {};
    const samePhone = previous.phone_number_id === input.phone_number_id;
    const verifyToken =
      input.verify_token ??
      (typeof previous.verify_token === 'string' ? previous.verify_token : `wa_${crypto.randomBytes(18).toString('base64url')}`);
    const { id } = await saveIntegration(tx, {
      workspaceId: actor.workspaceId,
      type: 'whatsapp',
      isActive: true,
      isConnected: true,
      credentials: { access_token: input.access_token, app_secret: input.app_secret },
      config: {
        phone_number_id: input.phone_number_id,
        display_phone_number: info.display_phone_number ?? null,
        verified_name: info.verified_name ?? null,
        verify_token: verifyToken,
      },
    });
    const keepStatus = existing && samePhone && verifyToken === previous.verify_token;
    const name = input.name ?? existing?.name ?? info.verified_name ?? info.display_phone_number ?? 'WhatsApp';
    const pipelineId = input.pipeline_id !== undefined ? input.pipeline_id : existing?.pipeline_id ?? null;
    await tx.execute(sql`update public.integrations set name = ${name}, pipeline_id = ${pipelineId}::uuid where id = ${id}::uuid`);
    // The connection's health is the system's to write (migration …1100 refuses a member).
    const system = systemActor(CHANNELS_ACTOR, actor.workspaceId, actor.requestId);
    await withActor(system, (stx) =>
      stx.execute(sql`update public.integrations
        set webhook_status = ${keepStatus ? existing!.webhook_status : 'none'}, last_error = null, last_error_at = null
        where id = ${id}::uuid`),
    );
    await recordAudit(tx, actor, {
      action: existing ? 'reconnect_integration' : 'connect_integration',
      entityType: 'integration',
      entityId: id,
      newValues: { type: 'whatsapp', name, pipeline_id: pipelineId, phone_number_id: input.phone_number_id },
    });
    const row = await loadIntegrationRow(tx, actor.workspaceId, 'whatsapp');
    return presentIntegration(row!);
  });
}
