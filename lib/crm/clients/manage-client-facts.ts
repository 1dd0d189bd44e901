// Short facts about a client ("prefers calls after six"): added by people now, by the agent later.
import { and, eq } from 'drizzle-orm';
import { withActor, actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { notFound } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { clientFacts } from '@/lib/db/schema/crm';
import { recordEvent, sourceOf } from '@/lib/crm/record-event';
import { requireClient } from './client-store';
import { factInputSchema } from './schemas';

const presentFact = (f: typeof clientFacts.$inferSelect) => ({ id: f.id, text: f.text, source: f.source, created_at: f.createdAt.toISOString() });

export async function addClientFact(actor: WorkspaceActor, clientId: string, raw: unknown) {
  assertCan(actor, 'crm.write');
  const input = factInputSchema.parse(raw);
  return withActor(actor, async (tx) => {
    const ws = actor.workspaceId;
    await requireClient(tx, ws, clientId);
    const [row] = await tx
      .insert(clientFacts)
      .values({ workspaceId: ws, clientId, text: input.text, source: sourceOf(actor), createdBy: actorUserId(actor) })
      .returning();
    await recordEvent(tx, actor, { type: 'fact_added', clientId, payload: { fact_id: row.id, text: row.text } });
    await recordAudit(tx, actor, { action: 'add_client_fact', entityType: 'client_fact', entityId: row.id, newValues: { client_id: clientId, text: row.text } });
    return presentFact(row);
  });
}

export async function deleteClientFact(actor: WorkspaceActor, clientId: string, factId: string) {
  assertCan(actor, 'crm.write');
  await withActor(actor, async (tx) => {
    const ws = actor.workspaceId;
    await requireClient(tx, ws, clientId);
    const [row] = await tx
      .delete(clientFacts)
      .where(and(eq(clientFacts.id, factId), eq(clientFacts.clientId, clientId), eq(clientFacts.workspaceId, ws)))
      .returning();
    if (!row) throw notFound('Fact');
    await recordAudit(tx, actor, { action: 'delete_client_fact', entityType: 'client_fact', entityId: row.id, oldValues: { client_id: clientId, text: row.text } });
  });
}
