// Rules telling the agent which CRM field to fill from the conversation and when; kept in order.
import { and, asc, eq, sql } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { agentUpdateRules } from '@/lib/db/schema/agents';
import { recordAudit } from '@/lib/audit/record-audit';
import { notFound } from '@/lib/api/errors';
import type { WorkspaceActor } from '@/lib/db/actor';
import { loadCrmChoices } from '@/lib/crm/list-crm-choices';
import { assertRuleField } from './crm-refs';
import { diffSnapshots } from './diff-snapshots';
import { requireAgent } from './load-agent';
import { presentUpdateRule } from './present-agent';
import { createUpdateRuleSchema, invalidField, reorderSchema, updateUpdateRuleSchema } from './schemas';

const ofAgent = (workspaceId: string, agentId: string) =>
  and(eq(agentUpdateRules.agentId, agentId), eq(agentUpdateRules.workspaceId, workspaceId));

export async function loadUpdateRules(tx: Tx, workspaceId: string, agentId: string) {
  const rows = await tx
    .select()
    .from(agentUpdateRules)
    .where(ofAgent(workspaceId, agentId))
    .orderBy(asc(agentUpdateRules.orderIndex), asc(agentUpdateRules.createdAt));
  return rows.map(presentUpdateRule);
}

async function requireRule(tx: Tx, actor: WorkspaceActor, agentId: string, ruleId: string) {
  await requireAgent(tx, actor, agentId);
  const [rule] = await tx
    .select()
    .from(agentUpdateRules)
    .where(and(ofAgent(actor.workspaceId, agentId), eq(agentUpdateRules.id, ruleId)));
  if (!rule) throw notFound('Update rule');
  return rule;
}

export async function listUpdateRules(actor: WorkspaceActor, agentId: string) {
  return withActor(actor, async (tx) => {
    await requireAgent(tx, actor, agentId);
    return loadUpdateRules(tx, actor.workspaceId, agentId);
  });
}

export async function getUpdateRule(actor: WorkspaceActor, agentId: string, ruleId: string) {
  return withActor(actor, async (tx) => presentUpdateRule(await requireRule(tx, actor, agentId, ruleId)));
}

export async function createUpdateRule(actor: WorkspaceActor, agentId: string, raw: unknown) {
  const input = createUpdateRuleSchema.parse(raw);
  return withActor(actor, async (tx) => {
    await requireAgent(tx, actor, agentId);
    assertRuleField(await loadCrmChoices(tx, actor.workspaceId), input.entity_type, input.field_id);
    const [{ next }] = await tx
      .select({ next: sql<number>`coalesce(max(${agentUpdateRules.orderIndex}) + 1, 0)::int` })
      .from(agentUpdateRules)
      .where(ofAgent(actor.workspaceId, agentId));
    const [rule] = await tx
      .insert(agentUpdateRules)
      .values({
        workspaceId: actor.workspaceId,
        agentId,
        entityType: input.entity_type,
        fieldId: input.field_id,
        condition: input.condition,
        overwrite: input.overwrite,
        orderIndex: next,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create_update_rule',
      entityType: 'agent_update_rule',
      entityId: rule.id,
      newValues: { agent_id: agentId, ...input },
    });
    return presentUpdateRule(rule);
  });
}

export async function updateUpdateRule(actor: WorkspaceActor, agentId: string, ruleId: string, raw: unknown) {
  const input = updateUpdateRuleSchema.parse(raw);
  const patch = { entityType: input.entity_type, fieldId: input.field_id, condition: input.condition, overwrite: input.overwrite };
  return withActor(actor, async (tx) => {
    const before = await requireRule(tx, actor, agentId, ruleId);
    const diff = diffSnapshots(presentUpdateRule(before), input);
    if (!diff.changed) return presentUpdateRule(before);
    if (input.entity_type !== undefined || input.field_id !== undefined) {
      // The field must exist for the entity the rule ends up with.
      const entity = input.entity_type ?? before.entityType;
      assertRuleField(await loadCrmChoices(tx, actor.workspaceId), entity as 'deal' | 'contact', input.field_id ?? before.fieldId);
    }
    const [rule] = await tx
      .update(agentUpdateRules)
      .set({ ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)), updatedAt: sql`now()` })
      .where(and(ofAgent(actor.workspaceId, agentId), eq(agentUpdateRules.id, ruleId)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'update_update_rule',
      entityType: 'agent_update_rule',
      entityId: rule.id,
      oldValues: diff.oldValues,
      newValues: diff.newValues,
    });
    return presentUpdateRule(rule);
  });
}

export async function deleteUpdateRule(actor: WorkspaceActor, agentId: string, ruleId: string) {
  await withActor(actor, async (tx) => {
    const rule = await requireRule(tx, actor, agentId, ruleId);
    await tx.delete(agentUpdateRules).where(and(ofAgent(actor.workspaceId, agentId), eq(agentUpdateRules.id, ruleId)));
    await recordAudit(tx, actor, {
      action: 'delete_update_rule',
      entityType: 'agent_update_rule',
      entityId: rule.id,
      oldValues: presentUpdateRule(rule),
    });
  });
}

/** `ids` must list every rule of the agent exactly once, in the new order. */
export async function reorderUpdateRules(actor: WorkspaceActor, agentId: string, raw: unknown) {
  const { ids } = reorderSchema.parse(raw);
  return withActor(actor, async (tx) => {
    await requireAgent(tx, actor, agentId);
    const current = await loadUpdateRules(tx, actor.workspaceId, agentId);
    const known = new Set(current.map((r) => r.id));
    if (ids.length !== known.size || ids.some((id) => !known.has(id))) {
      throw invalidField('ids', "ids must list each of the agent's update rules exactly once");
    }
    const order = sql.join(ids.map((id, i) => sql`(${id}::uuid, ${i}::int)`), sql`, `);
    await tx.execute(sql`
      update public.agent_update_rules r set order_index = v.idx, updated_at = now()
      from (values ${order}) as v(id, idx)
      where r.id = v.id and r.agent_id = ${agentId} and r.workspace_id = ${actor.workspaceId}`);
    await recordAudit(tx, actor, {
      action: 'reorder_update_rules',
      entityType: 'agent',
      entityId: agentId,
      oldValues: { ids: current.map((r) => r.id) },
      newValues: { ids },
    });
    return loadUpdateRules(tx, actor.workspaceId, agentId);
  });
}
