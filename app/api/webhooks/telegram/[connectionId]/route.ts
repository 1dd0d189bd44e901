// Telegram posts each update here (setWebhook with our secret_token). Checked by the secret
// header, stored once per update_id with its due work in one statement, answered at once.
import { webhookRoute } from '@/lib/api/webhook-route';
import { AppError, notFound } from '@/lib/api/errors';
import { storeChannelUpdateNow } from '@/lib/channels/inbound/store-update';
import { verifyTelegramSecret } from '@/lib/channels/telegram/verify-secret';

export const POST = webhookRoute<{ connectionId: string }>(
  async (ctx) => {
    const update = ctx.json() as { update_id?: unknown } | null;
    const id = update && typeof update === 'object' ? update.update_id : undefined;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
      throw new AppError(400, 'validation_error', 'Not a Telegram update: update_id is missing', {
        fields: [{ field: 'update_id', message: 'Required integer', code: 'invalid_type' }],
      });
    }
    const stored = await storeChannelUpdateNow(ctx.actor, {
      integrationId: ctx.connection.id,
      updateKey: String(id),
      payload: update,
      payloadJson: ctx.text(),
    });
    // Switched off (or removed) since this process last looked: as the wrapper would have said.
    if (stored.outcome === 'inactive') throw new AppError(410, 'connection_inactive', 'This connection is switched off');
    if (stored.outcome === 'not_found') throw notFound('Connection');
    return { ok: true };
  },
  {
    types: ['telegram'],
    transaction: false,
    verify: ({ headers, secrets }) => verifyTelegramSecret(headers, secrets.credentials.webhook_secret),
  },
);
