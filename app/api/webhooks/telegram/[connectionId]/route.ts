// Telegram posts each update here (setWebhook with our secret_token). Checked by the secret
// header, stored once per update_id, handed to the jobs layer, answered at once.
import { webhookRoute } from '@/lib/api/webhook-route';
import { AppError } from '@/lib/api/errors';
import { storeChannelUpdate } from '@/lib/channels/inbound/store-update';
import { verifyTelegramSecret } from '@/lib/channels/telegram/verify-secret';

export const POST = webhookRoute<{ connectionId: string }>(
  async (ctx, tx) => {
    const update = ctx.json() as { update_id?: unknown } | null;
    const id = update && typeof update === 'object' ? update.update_id : undefined;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
      throw new AppError(400, 'validation_error', 'Not a Telegram update: update_id is missing', {
        fields: [{ field: 'update_id', message: 'Required integer', code: 'invalid_type' }],
      });
    }
    await storeChannelUpdate(tx, { workspaceId: ctx.workspaceId, integrationId: ctx.connection.id, updateKey: String(id), payload: update });
    return { ok: true };
  },
  {
    types: ['telegram'],
    verify: ({ headers, secrets }) => verifyTelegramSecret(headers, secrets.credentials.webhook_secret),
  },
);
