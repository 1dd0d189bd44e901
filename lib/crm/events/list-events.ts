// The timeline feed (seed 004 GET /events): filters dialog_id, client_id, types (a comma list
// or the parameter repeated), since; newest first; limit ≤ 200.
import { and, desc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { dateQuery } from '@/lib/api/params';
import { crmEvents } from '@/lib/db/schema/crm';
import { presentEvent, userNames } from '@/lib/crm/present';

const EVENT_TYPE = /^[a-z][a-z0-9_]{0,49}$/;

export const listEventsQuery = z.object({
  dialog_id: z.uuid('dialog_id must be a uuid').optional(),
  client_id: z.uuid('client_id must be a uuid').optional(),
  types: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
    .refine((list) => list.length <= 50 && list.every((t) => EVENT_TYPE.test(t)), 'types must be event types like stage_changed,task_created')
    .optional(),
  since: dateQuery('since').optional(),
  limit: z.coerce.number().int().min(1, 'limit must be between 1 and 200').max(200, 'limit must be between 1 and 200').default(50),
});
export type ListEventsQuery = z.infer<typeof listEventsQuery>;
export type CrmEvent = ReturnType<typeof presentEvent>;

export async function listEvents(actor: WorkspaceActor, q: ListEventsQuery): Promise<{ data: CrmEvent[] }> {
  assertCan(actor, 'crm.read');
  return withActor(actor, async (tx) => {
    const where: SQL[] = [eq(crmEvents.workspaceId, actor.workspaceId)];
    if (q.dialog_id) where.push(eq(crmEvents.conversationId, q.dialog_id));
    // The workspace feed leaves the test chat's conversations out (issue 8); asking for one
    // dialog by id still shows its events.
    else where.push(sql`not exists (select 1 from public.conversations cv where cv.id = ${crmEvents.conversationId} and cv.channel_type = 'test')`);
    if (q.client_id) where.push(eq(crmEvents.clientId, q.client_id));
    if (q.types?.length) where.push(inArray(crmEvents.eventType, q.types));
    if (q.since) where.push(gte(crmEvents.createdAt, q.since));
    const rows = await tx
      .select()
      .from(crmEvents)
      .where(and(...where))
      .orderBy(desc(crmEvents.createdAt), desc(crmEvents.id))
      .limit(q.limit);
    const names = await userNames(tx, rows.map((r) => r.actorUserId));
    return { data: rows.map((r) => presentEvent(r, names)) };
  });
}
