// The workspace's audit trail, newest first, paginated and filterable.
import { and, count, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { withActor } from '@/lib/db/actor';
import { auditLog, users } from '@/lib/db/schema/core';
import { dateQuery } from '@/lib/api/params';
import { paginationQuery, pagination, offsetOf } from '@/lib/api/pagination';
import { resolveAuditRefs } from './resolve-audit-refs';
import type { WorkspaceActor } from '@/lib/db/actor';

export const auditQuerySchema = paginationQuery.extend({
  action: z.string().max(100).optional(),
  entity_type: z.string().max(50).optional(),
  date_from: dateQuery('date_from').optional(),
  date_to: dateQuery('date_to').optional(),
});

export async function listAudit(actor: WorkspaceActor, q: z.infer<typeof auditQuerySchema>) {
  const where: SQL[] = [eq(auditLog.workspaceId, actor.workspaceId)];
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.entity_type) where.push(eq(auditLog.entityType, q.entity_type));
  if (q.date_from) where.push(gte(auditLog.createdAt, q.date_from));
  if (q.date_to) where.push(lte(auditLog.createdAt, q.date_to));
  return withActor(actor, async (tx) => {
    const [{ total }] = await tx.select({ total: count() }).from(auditLog).where(and(...where));
    const rows = await tx
      .select({ entry: auditLog, email: users.email, full_name: users.fullName })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.userId))
      .where(and(...where))
      .orderBy(desc(auditLog.createdAt))
      .limit(q.limit)
      .offset(offsetOf(q));
    const refs = await resolveAuditRefs(tx, actor.workspaceId, rows.map((r) => r.entry));
    return {
      entries: rows.map(({ entry, email, full_name }, i) => ({
        id: entry.id,
        action: entry.action,
        entity_type: entry.entityType,
        entity_id: entry.entityId,
        old_values: entry.oldValues,
        new_values: entry.newValues,
        actor: entry.actor,
        user: entry.userId ? { id: entry.userId, email, full_name } : null,
        ip_address: entry.ipAddress,
        user_agent: entry.userAgent,
        request_id: entry.requestId,
        created_at: entry.createdAt.toISOString(),
        // Names for the ids above (entity and id-valued fields), resolved for this page.
        entity: refs.entities[i],
        value_refs: refs.values[i],
      })),
      pagination: pagination(q, total),
    };
  });
}
