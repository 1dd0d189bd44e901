// Relations between two clients of the same workspace (spouse, colleague …). The card shows
// them from both ends: `outgoing` from the client that added it, `incoming` on the other.
import { and, eq, or } from 'drizzle-orm';
import { withActor, actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { AppError, notFound } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { clientRelations, clients } from '@/lib/db/schema/crm';
import { recordChange } from '@/lib/crm/record-event';
import { requireClient } from './client-store';
import { invalidField, relationInputSchema } from './schemas';

export async function addClientRelation(actor: WorkspaceActor, clientId: string, raw: unknown) {
  assertCan(actor, 'crm.write');
  const input = relationInputSchema.parse(raw);
  return withActor(actor, async (tx) => {
    const ws = actor.workspaceId;
    await requireClient(tx, ws, clientId);
    if (input.client_id === clientId) throw invalidField('client_id', 'A client cannot be related to itself', 'self_relation');
    const [other] = await tx.select({ id: clients.id, name: clients.name }).from(clients).where(and(eq(clients.id, input.client_id), eq(clients.workspaceId, ws)));
    if (!other) throw invalidField('client_id', 'No such client in this workspace', 'not_found');
    const [dup] = await tx
      .select({ id: clientRelations.id })
      .from(clientRelations)
      .where(and(eq(clientRelations.workspaceId, ws), eq(clientRelations.clientId, clientId), eq(clientRelations.relatedClientId, other.id), eq(clientRelations.relationType, input.relation_type)));
    if (dup) throw new AppError(409, 'relation_exists', 'These clients already have this relation', { relation_id: dup.id });
    const [row] = await tx
      .insert(clientRelations)
      .values({ workspaceId: ws, clientId, relatedClientId: other.id, relationType: input.relation_type, createdBy: actorUserId(actor) })
      .returning();
    await recordChange(tx, actor, { type: 'client_updated', clientId, field: 'relations', oldValue: null, newValue: { client_id: other.id, name: other.name, relation_type: row.relationType } });
    await recordAudit(tx, actor, { action: 'add_client_relation', entityType: 'client_relation', entityId: row.id, newValues: { client_id: clientId, related_client_id: other.id, relation_type: row.relationType } });
    return { id: row.id, client_id: other.id, name: other.name, relation_type: row.relationType, direction: 'outgoing' as const };
  });
}

export async function deleteClientRelation(actor: WorkspaceActor, clientId: string, relationId: string) {
  assertCan(actor, 'crm.write');
  await withActor(actor, async (tx) => {
    const ws = actor.workspaceId;
    await requireClient(tx, ws, clientId);
    const [row] = await tx
      .delete(clientRelations)
      .where(
        and(
          eq(clientRelations.id, relationId),
          eq(clientRelations.workspaceId, ws),
          or(eq(clientRelations.clientId, clientId), eq(clientRelations.relatedClientId, clientId)),
        ),
      )
      .returning();
    if (!row) throw notFound('Relation');
    await recordAudit(tx, actor, { action: 'delete_client_relation', entityType: 'client_relation', entityId: row.id, oldValues: { client_id: row.clientId, related_client_id: row.relatedClientId, relation_type: row.relationType } });
  });
}
