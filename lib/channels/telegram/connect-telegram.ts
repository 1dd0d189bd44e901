// Connecting a Telegram bot (integrations.write): getMe checks the token, the token and a
// generated webhook secret are sealed in the connection's credentials, then the webhook is
// registered (or, with TELEGRAM_MODE=polling, removed so getUpdates works). Network calls
// happen between transactions, never inside one.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { systemActor, withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { AppError } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { saveIntegration } from '@/lib/integrations/secrets';
import { getEnv } from '@/lib/env';
import { logger } from '@/lib/log/logger';
import { assertWorkspacePipeline } from '../connections/assert-pipeline';
import { loadConnectionOfType } from '../connections/load-connection';
import { loadIntegrationRow, presentIntegration, webhookUrlOf, type Integration } from '../connections/present-integration';
import { BOT_TOKEN_SHAPE, connectTelegramSchema } from '../connections/schemas';
import { CHANNELS_ACTOR } from '../types';
import { TelegramApiError, callTelegram } from './bot-api';

interface BotInfo {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
}

export const TELEGRAM_ALLOWED_UPDATES = ['message'] as const;

const invalidToken = () =>
  new AppError(400, 'invalid_bot_token', 'Telegram does not accept this bot token: copy it again from @BotFather', {
    fields: [{ field: 'bot_token', message: 'Telegram does not accept this token', code: 'invalid_bot_token' }],
  });

async function getMe(token: string): Promise<BotInfo> {
  if (!BOT_TOKEN_SHAPE.test(token)) throw invalidToken();
  try {
    return await callTelegram<BotInfo>(token, 'getMe', {}, { timeoutMs: 10_000 });
  } catch (err) {
    if (err instanceof TelegramApiError && (err.status === 401 || err.status === 404 || err.status === 400)) {
      throw invalidToken();
    }
    throw new AppError(502, 'provider_unreachable', 'Telegram could not be reached; try again in a minute');
  }
}

/** Registers (webhook mode) or removes (polling mode) the bot's webhook; returns the resulting status and error. */
export async function registerTelegramWebhook(
  token: string,
  integrationId: string,
  secret: string,
  mode: 'webhook' | 'polling',
): Promise<{ status: 'set' | 'polling' | 'failed'; error: string | null }> {
  try {
    if (mode === 'polling') {
      await callTelegram(token, 'deleteWebhook', { drop_pending_updates: false }, { timeoutMs: 10_000 });
      return { status: 'polling', error: null };
    }
    await callTelegram(
      token,
      'setWebhook',
      {
        url: webhookUrlOf('telegram', integrationId, { mode }),
        secret_token: secret,
        allowed_updates: TELEGRAM_ALLOWED_UPDATES,
        drop_pending_updates: false,
      },
      { timeoutMs: 15_000 },
    );
    return { status: 'set', error: null };
  } catch (err) {
    const error = err instanceof TelegramApiError ? err.description : 'Telegram could not be reached';
    return { status: mode === 'polling' ? 'polling' : 'failed', error: `${mode === 'polling' ? 'deleteWebhook' : 'setWebhook'}: ${error}` };
  }
}

export async function connectTelegram(actor: WorkspaceActor, raw: unknown): Promise<Integration> {
  assertCan(actor, 'integrations.write');
  const input = connectTelegramSchema.parse(raw);
  if (input.pipeline_id) await withActor(actor, (tx) => assertWorkspacePipeline(tx, actor.workspaceId, input.pipeline_id));

  const bot = await getMe(input.bot_token);
  const mode = getEnv().TELEGRAM_MODE;
  const secret = crypto.randomBytes(32).toString('base64url');

  // The bot this workspace had before (another token): its webhook points at us; undo it.
  const system = systemActor(CHANNELS_ACTOR, actor.workspaceId, actor.requestId);
  const previous = await withActor(system, (tx) => loadConnectionOfType(tx, system, 'telegram'));
  const previousToken = previous?.secrets.bot_token;
  if (previousToken && previousToken !== input.bot_token) {
    await callTelegram(previousToken, 'deleteWebhook', { drop_pending_updates: false }, { timeoutMs: 10_000 }).catch(() => undefined);
  }

  const config = { bot_id: bot.id, bot_username: bot.username ?? null, bot_name: bot.first_name, mode };
  const { id } = await withActor(actor, async (tx) => {
    const before = await loadIntegrationRow(tx, actor.workspaceId, 'telegram');
    const saved = await saveIntegration(tx, {
      workspaceId: actor.workspaceId,
      type: 'telegram',
      isActive: true,
      isConnected: true,
      credentials: { bot_token: input.bot_token, webhook_secret: secret },
      config,
    });
    const name = input.name ?? before?.name ?? bot.first_name;
    const pipelineId = input.pipeline_id !== undefined ? input.pipeline_id : (before?.pipeline_id ?? null);
    await tx.execute(sql`update public.integrations set name = ${name}, pipeline_id = ${pipelineId}::uuid where id = ${saved.id}::uuid`);
    await recordAudit(tx, actor, {
      action: before ? 'reconnect_integration' : 'connect_integration',
      entityType: 'integration',
      entityId: saved.id,
      newValues: { type: 'telegram', name, pipeline_id: pipelineId, ...config },
    });
    return saved;
  });

  const hook = await registerTelegramWebhook(input.bot_token, id, secret, mode);
  if (hook.error) logger.warn({ integration_id: id, error: hook.error }, 'telegram webhook registration failed');
  const integration = await withActor(actor, async (tx) => {
    // The connection's health is the system's to write (migration …1100 refuses a member).
    await withActor(system, (stx) =>
      stx.execute(sql`update public.integrations
        set webhook_status = ${hook.status}, last_error = ${hook.error}, last_error_at = case when ${hook.error}::text is null then null else now() end
        where id = ${id}::uuid`),
    );
    return presentIntegration((await loadIntegrationRow(tx, actor.workspaceId, 'telegram'))!);
  });
  if (mode === 'polling') {
    const { refreshTelegramPolling } = await import('./poll-updates');
    refreshTelegramPolling();
  }
  return integration;
}
