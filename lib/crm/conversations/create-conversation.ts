// POST /api/conversations: a dialog (= deal) created by hand, as seed 004 does. The client is
// one of the workspace's; without a pipeline or stage it lands in the default pipeline's first
// stage. Writes `dialog_created`, the client's first/last contact and one audit row.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { clients, conversations } from '@/lib/db/schema/crm';
import { recordEvent } from '../record-event';
import { checkCustomFields, loadFieldDefinitions } from '../custom-fields';
import { workspaceRegion } from '../workspace-region';
import { presentConversation, requireConversationRow } from './load-conversations';
import { assertMember, resolveStage } from './resolve-refs';
import { createConversationSchema, invalidField, type CreateConversationInput } from './schemas';

export async function createConversation(actor: WorkspaceActor, raw: CreateConversationInput) {
  assertCan(actor, 'conversations.write');
  const input = createConversationSchema.parse(raw);
  return withActor(actor, async (tx) => {
    const ws = actor.workspaceId;
    const [client] = await tx
      .select({ id: clients.id, name: clients.name })
      .from(clients)
      .where(and(eq(clients.workspaceId, ws), eq(clients.id, input.client_id)));
    if (!client) throw invalidField('client_id', 'No client with this id in the workspace', 'unknown_client');
    const { pipelineId, stage } = await resolveStage(tx, ws, input);
    if (input.responsible_user_id) await assertMember(tx, ws, input.responsible_user_id);
    const defs = await loadFieldDefinitions(tx, ws, 'deal');
    const customFields = checkCustomFields(defs, input.custom_fields ?? {}, { requireAll: true, region: await workspaceRegion(tx, ws) });
    const [row] = await tx
      .insert(conversations)
      .values({
        workspaceId: ws,
        clientId: client.id,
        pipelineId,
        stageId: stage.id,
        title: input.title ?? null,
        channelType: input.channel,
        price: input.price ?? null,
        currency: input.currency ?? null,
        tags: input.tags ?? [],
        responsibleUserId: input.responsible_user_id ?? null,
        context: input.context ?? {},
        customFields,
        stageChangedAt: sql`now()`,
        createdBy: actorUserId(actor),
      })
      .returning();
    await tx
      .update(clients)
      .set({ firstContactAt: sql`coalesce(${clients.firstContactAt}, now())`, lastContactAt: sql`greatest(${clients.lastContactAt}, now())` })
      .where(and(eq(clients.workspaceId, ws), eq(clients.id, client.id)));
    await recordEvent(tx, actor, {
      type: 'dialog_created',
      conversationId: row.id,
      clientId: client.id,
      payload: { title: row.title, channel: row.channelType, pipeline_id: pipelineId, stage_id: stage.id, stage: stage.code, price: row.price },
    });
    const conversation = presentConversation(await requireConversationRow(tx, actor, row.id));
    await recordAudit(tx, actor, { action: 'create_conversation', entityType: 'conversation', entityId: row.id, newValues: conversation });
    return conversation;
  });
}
