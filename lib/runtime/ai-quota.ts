// The workspace's AI-response quota for a turn (issue 8, step 7): one response is taken
// atomically before the model is called (two turns at once cannot both take the last one),
// given back when the provider then fails, and at the limit the team is told once per
// exhaustion (app.mark_quota_notified), not once per message.
import { eq, sql } from 'drizzle-orm';
import { withActor, queryRows, type SystemActor } from '@/lib/db/actor';
import { workspaces } from '@/lib/db/schema/core';
import { createNotification } from '@/lib/notifications/create-notification';
import { stopRunsAsSystem } from '@/lib/chains/stop-runs';

export async function takeAiResponse(actor: SystemActor): Promise<boolean> {
  return withActor(actor, async (tx) => {
    const [row] = await queryRows<{ ok: boolean }>(tx, sql`select app.count_ai_response(${actor.workspaceId}::uuid) as ok`);
    return !!row?.ok;
  });
}

export async function refundAiResponse(actor: SystemActor): Promise<void> {
  await withActor(actor, (tx) => tx.execute(sql`select app.refund_ai_response(${actor.workspaceId}::uuid)`));
}

export async function quotaUsage(actor: SystemActor): Promise<{ used: number; limit: number }> {
  return withActor(actor, async (tx) => {
    const [row] = await tx
      .select({ used: workspaces.aiResponsesUsed, limit: workspaces.aiResponsesLimit })
      .from(workspaces)
      .where(eq(workspaces.id, actor.workspaceId));
    return { used: row?.used ?? 0, limit: row?.limit ?? 0 };
  });
}

/**
 * At the limit: one `quota_exceeded` notification per exhaustion, and the workspace's running
 * follow-up chains stop (`quota_exhausted`; issue 10). Returns whether this call notified.
 */
export async function notifyQuotaExceeded(actor: SystemActor): Promise<boolean> {
  return withActor(actor, async (tx) => {
    await stopRunsAsSystem({ workspaceId: actor.workspaceId, wholeWorkspace: true, reason: 'quota_exhausted' });
    const [row] = await queryRows<{ first: boolean }>(tx, sql`select app.mark_quota_notified(${actor.workspaceId}::uuid) as first`);
    if (!row?.first) return false;
    const { used, limit } = await quotaUsage(actor);
    await createNotification(actor, {
      type: 'quota_exceeded',
      title: 'Лимит ответов ИИ исчерпан',
      description: `Использовано ${used} из ${limit} ответов. Агенты не отвечают клиентам, пока лимит не будет увеличен; сообщения клиентов сохраняются.`,
      actionText: 'Открыть тариф',
      actionUrl: '/billing',
      data: { used, limit },
    });
    return true;
  });
}
