// A member sent `/start <code>` to the workspace's bot (the Telegram adapter parses it into
// ParsedUpdate.ownerLink; the channel.update handler calls this, outside a transaction).
// A valid, unexpired code links that chat to the member who asked for it and is consumed;
// the bot answers in the chat either way. Runs as the `channels` system actor.
import { sql } from 'drizzle-orm';
import { recordAudit } from '@/lib/audit/record-audit';
import { queryRows, withActor, type SystemActor } from '@/lib/db/actor';
import { logger } from '@/lib/log/logger';
import { channelAdapter } from '../registry';
import { loadTelegramBotWithSecrets } from './load-telegram-bot';
import { hashLinkCode } from './link-code';

export interface LinkOwnerChatInput {
  integrationId: string;
  code: string;
  chatId: string;
  username?: string | null;
}

export type LinkOwnerChatResult = 'linked' | 'expired' | 'invalid';

export const LINK_REPLIES: Record<LinkOwnerChatResult, string> = {
  linked: '✅ Готово: уведомления о новых лидах, черновиках и передаче диалогов будут приходить в этот чат.',
  expired: '⌛ Срок действия кода истёк. Получите новую ссылку в профиле и попробуйте снова.',
  invalid: '❌ Код не найден или уже использован. Получите новую ссылку в профиле.',
};

export async function linkOwnerChat(
  actor: SystemActor,
  input: LinkOwnerChatInput,
  opts: { now?: Date; reply?: boolean } = {},
): Promise<{ result: LinkOwnerChatResult; userId: string | null }> {
  const now = opts.now ?? new Date();
  const code = input.code.trim();
  const outcome = await withActor(actor, async (tx) => {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(code)) return { result: 'invalid' as const, userId: null };
    const [link] = await queryRows<{ id: string; user_id: string; code_expires_at: Date | string | null }>(
      tx,
      sql`select l.id, l.user_id, l.code_expires_at from public.telegram_owner_links l
          join public.memberships m on m.workspace_id = l.workspace_id and m.user_id = l.user_id
          where l.workspace_id = ${actor.workspaceId}::uuid and l.code_hash = ${hashLinkCode(code)}`,
    );
    if (!link) return { result: 'invalid' as const, userId: null };
    if (!link.code_expires_at || new Date(link.code_expires_at).getTime() <= now.getTime()) {
      await tx.execute(sql`update public.telegram_owner_links set code_hash = null, code_expires_at = null, updated_at = now()
          where id = ${link.id}::uuid`);
      return { result: 'expired' as const, userId: link.user_id };
    }
    await tx.execute(sql`update public.telegram_owner_links
        set chat_id = ${input.chatId}, chat_username = ${input.username ?? null}, linked_at = ${now.toISOString()}::timestamptz,
            code_hash = null, code_expires_at = null, updated_at = now()
        where id = ${link.id}::uuid`);
    await recordAudit(tx, actor, {
      action: 'link_telegram_notifications',
      entityType: 'telegram_owner_link',
      entityId: link.id,
      newValues: { user_id: link.user_id, integration_id: input.integrationId, chat_username: input.username ?? null },
    });
    return { result: 'linked' as const, userId: link.user_id };
  });
  if (opts.reply !== false) await replyInChat(actor, input.chatId, LINK_REPLIES[outcome.result]);
  return outcome;
}

/** Best effort: the link stands (or not) whatever the bot's answer does. */
async function replyInChat(actor: SystemActor, chatId: string, text: string): Promise<void> {
  try {
    const bot = await withActor(actor, (tx) => loadTelegramBotWithSecrets(tx, actor));
    if (!bot) return;
    const adapter = await channelAdapter('telegram');
    await adapter.send(bot.conn, bot.secrets, { chatId, text });
  } catch (err) {
    logger.warn({ err: { message: (err as Error)?.message }, workspace_id: actor.workspaceId }, 'owner link reply not sent');
  }
}
