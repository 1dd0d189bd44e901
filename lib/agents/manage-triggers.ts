// Triggers: a condition the agent watches for and the actions it then takes, in order.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { triggerActions, triggers } from '@/lib/db/schema/agents';
import { recordAudit } from '@/lib/audit/record-audit';
import { notFound } from '@/lib/api/errors';
import type { WorkspaceActor } from '@/lib/db/actor';
import { diffSnapshots } from './diff-snapshots';
import { requireAgent } from './load-agent';
import { presentTrigger } from './present-agent';
import { createTriggerSchema, toggleSchema, updateTriggerSchema, type CreateTriggerInput } from './schemas';

type TriggerRow = typeof triggers.$inferSelect;

async function withActions(tx: Tx, workspaceId: string, rows: TriggerRow[]) {
  if (!rows.length) return [];
  const actions = await tx
    .select()
    .from(triggerActions)
    .where(and(eq(triggerActions.workspaceId, workspaceId), inArray(triggerActions.triggerId, rows.map((t) => t.id))))
    .orderBy(asc(triggerActions.orderIndex));
  return rows.map((t) => presentTrigger(t, actions.filter((a) => a.triggerId === t.id)));
}

export async function loadTriggers(tx: Tx, workspaceId: string, agentId: string) {
  const rows = await tx
    .select()
    .from(triggers)
    .where(and(eq(triggers.agentId, agentId), eq(triggers.workspaceId, workspaceId)))
    .orderBy(asc(triggers.createdAt), asc(triggers.name));
  return withActions(tx, workspaceId, rows);
}

async function requireTrigger(tx: Tx, actor: WorkspaceActor, agentId: string, triggerId: string) {
  await requireAgent(tx, actor, agentId);
  const [row] = await tx
    .select()
    .from(triggers)
    .where(and(eq(triggers.id, triggerId), eq(triggers.agentId, agentId), eq(triggers.workspaceId, actor.workspaceId)));
  if (!row) throw notFound('Trigger');
  return row;
}

async function present(tx: Tx, actor: WorkspaceActor, row: TriggerRow) {
  const [trigger] = await withActions(tx, actor.workspaceId, [row]);
  return trigger;
}

async function replaceActions(tx: Tx, actor: WorkspaceActor, triggerId: string, actions: CreateTriggerInput['actions']) {
  await tx
    .delete(triggerActions)
    .where(and(eq(triggerActions.triggerId, triggerId), eq(triggerActions.workspaceId, actor.workspaceId)));
  await tx.insert(triggerActions).values(
    actions.map((a, i) => ({
      workspaceId: actor.workspaceId,
      triggerId,
      actionType: a.action_type,
      actionConfig: a.action_config,
      orderIndex: i,
    })),
  );
}

export async function listTriggers(actor: WorkspaceActor, agentId: string) {
  return withActor(actor, async (tx) => {
    await requireAgent(tx, actor, agentId);
    return loadTriggers(tx, actor.workspaceId, agentId);
  });
}

export async function getTrigger(actor: WorkspaceActor, agentId: string, triggerId: string) {
  return withActor(actor, async (tx) => present(tx, actor, await requireTrigger(tx, actor, agentId, triggerId)));
}

export async function createTrigger(actor: WorkspaceActor, agentId: string, raw: unknown) {
  const input = createTriggerSchema.parse(raw);
  return withActor(actor, async (tx) => {
    await requireAgent(tx, actor, agentId);
    const [row] = await tx
      .insert(triggers)
      .values({
        workspaceId: actor.workspaceId,
        agentId,
        name: input.name,
        isActive: input.is_active,
        condition: input.condition,
        cancelMessage: input.cancel_message ?? null,
        runLimit: input.run_limit,
      })
      .returning();
    await replaceActions(tx, actor, row.id, input.actions);
    const trigger = await present(tx, actor, row);
    await recordAudit(tx, actor, {
      action: 'create_trigger',
      entityType: 'trigger',
      entityId: row.id,
      newValues: { agent_id: agentId, ...input },
    });
    return trigger;
  });
}

/** Actions compare by content: replacing them gives new ids but is no change. */
const comparable = (actions: { action_type: string; action_config: unknown }[] | undefined) =>
  actions?.map((a) => ({ action_type: a.action_type, action_config: a.action_config }));

export async function updateTrigger(actor: WorkspaceActor, agentId: string, triggerId: string, raw: unknown) {
  const input = updateTriggerSchema.parse(raw);
  const patch = {
    name: input.name,
    isActive: input.is_active,
    condition: input.condition,
    cancelMessage: input.cancel_message,
    runLimit: input.run_limit,
  };
  return withActor(actor, async (tx) => {
    const before = await present(tx, actor, await requireTrigger(tx, actor, agentId, triggerId));
    const diff = diffSnapshots(
      { ...before, actions: comparable(before.actions) },
      { ...input, actions: comparable(input.actions) },
    );
    if (!diff.changed) return before;
    const [row] = await tx
      .update(triggers)
      .set({ ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)), updatedAt: sql`now()` })
      .where(and(eq(triggers.id, triggerId), eq(triggers.workspaceId, actor.workspaceId)))
      .returning();
    if (input.actions) await replaceActions(tx, actor, triggerId, input.actions);
    await recordAudit(tx, actor, {
      action: 'update_trigger',
      entityType: 'trigger',
      entityId: triggerId,
      oldValues: diff.oldValues,
      newValues: diff.newValues,
    });
    return present(tx, actor, row);
  });
}

export async function deleteTrigger(actor: WorkspaceActor, agentId: string, triggerId: string) {
  await withActor(actor, async (tx) => {
    const before = await present(tx, actor, await requireTrigger(tx, actor, agentId, triggerId));
    await tx.delete(triggers).where(and(eq(triggers.id, triggerId), eq(triggers.workspaceId, actor.workspaceId)));
    await recordAudit(tx, actor, { action: 'delete_trigger', entityType: 'trigger', entityId: triggerId, oldValues: before });
  });
}

export async function toggleTrigger(actor: WorkspaceActor, agentId: string, triggerId: string, raw: unknown) {
  const { is_active } = toggleSchema.parse(raw ?? {});
  return withActor(actor, async (tx) => {
    const before = await requireTrigger(tx, actor, agentId, triggerId);
    const [row] = await tx
      .update(triggers)
      .set({ isActive: is_active ?? !before.isActive, updatedAt: sql`now()` })
      .where(and(eq(triggers.id, triggerId), eq(triggers.workspaceId, actor.workspaceId)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'toggle_trigger',
      entityType: 'trigger',
      entityId: triggerId,
      oldValues: { is_active: before.isActive },
      newValues: { is_active: row.isActive },
    });
    return present(tx, actor, row);
  });
}
