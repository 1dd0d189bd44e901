// A member's own Telegram chat for owner notifications (seed 003): the status, a one-time
// link code (deep link into the workspace's bot), unlinking. Every member may link their own
// chat; nobody sees or changes another member's link (RLS: own row only).
import { sql } from 'drizzle-orm';
import { AppError } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { queryRows, withActor, type MemberActor } from '@/lib/db/actor';
import { deepLink, hashLinkCode, LINK_CODE_TTL_MS, newLinkCode } from './link-code';
import { loadTelegramBot } from './load-telegram-bot';

interface LinkRow {
  id: string;
  chat_id: string | null;
  chat_username: string | null;
  linked_at: Date | string | null;
}

async function ownLink(tx: Parameters<typeof loadTelegramBot>[0], actor: MemberActor): Promise<LinkRow | null> {
  const [row] = await queryRows<LinkRow>(
    tx,
    sql`select id, chat_id, chat_username, linked_at from public.telegram_owner_links
        where workspace_id = ${actor.workspaceId}::uuid and user_id = ${actor.userId}::uuid`,
  );
  return row ?? null;
}

export async function getTelegramLink(actor: MemberActor) {
  return withActor(actor, async (tx) => {
    const bot = await loadTelegramBot(tx, actor.workspaceId);
    const link = await ownLink(tx, actor);
    const linked = !!link?.chat_id;
    return {
      available: !!bot?.available,
      bot_username: bot?.botUsername ?? null,
      linked,
      chat_username: linked ? link!.chat_username : null,
      linked_at: linked && link!.linked_at ? new Date(link!.linked_at).toISOString() : null,
    };
  });
}

export async function createTelegramLinkCode(actor: MemberActor, opts: { now?: Date } = {}) {
  const now = opts.now ?? new Date();
  return withActor(actor, async (tx) => {
    const bot = await loadTelegramBot(tx, actor.workspaceId);
    if (!bot?.available || !bot.botUsername) {
      throw new AppError(409, 'telegram_not_connected', 'Connect an active Telegram bot to the workspace first');
    }
    const code = newLinkCode();
    const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
    // One row per member: a new code replaces an unused one; an existing link stays until the code is used.
    await tx.execute(sql`insert into public.telegram_owner_links (workspace_id, user_id, code_hash, code_expires_at)
        values (${actor.workspaceId}::uuid, ${actor.userId}::uuid, ${hashLinkCode(code)}, ${expiresAt.toISOString()}::timestamptz)
        on conflict (workspace_id, user_id) do update
          set code_hash = excluded.code_hash, code_expires_at = excluded.code_expires_at, updated_at = now()`);
    return { code, expires_at: expiresAt.toISOString(), deep_link: deepLink(bot.botUsername, code) };
  });
}

export async function unlinkTelegram(actor: MemberActor) {
  return withActor(actor, async (tx) => {
    const link = await ownLink(tx, actor);
    if (link) {
      await tx.execute(sql`delete from public.telegram_owner_links where id = ${link.id}::uuid`);
      if (link.chat_id) {
        await recordAudit(tx, actor, {
          action: 'unlink_telegram_notifications',
          entityType: 'telegram_owner_link',
          entityId: link.id,
          oldValues: { chat_username: link.chat_username },
        });
      }
    }
    return { unlinked: true as const };
  });
}
