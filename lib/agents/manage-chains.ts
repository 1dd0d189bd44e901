// Chains: timed follow-up steps (delay, then actions) that run in a conversation
// until the customer answers, limited to a weekly schedule.
import crypto from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { chainStepActions, chainSteps, chains } from '@/lib/db/schema/agents';
import { recordAudit } from '@/lib/audit/record-audit';
import { notFound } from '@/lib/api/errors';
import type { WorkspaceActor } from '@/lib/db/actor';
import { diffSnapshots } from './diff-snapshots';
import { stopRunsAsSystem } from '@/lib/chains/stop-runs';
import { chainListStats } from '@/lib/chains/chain-stats';
import { requireAgent } from './load-agent';
import { presentChain } from './present-agent';
import {
  chainConditionProblem,
  createChainSchema,
  invalidField,
  toggleSchema,
  updateChainSchema,
  type ChainStepInput,
} from './schemas';

type ChainRow = typeof chains.$inferSelect;

async function withSteps(tx: Tx, workspaceId: string, rows: ChainRow[]) {
  if (!rows.length) return [];
  const steps = await tx
    .select()
    .from(chainSteps)
    .where(and(eq(chainSteps.workspaceId, workspaceId), inArray(chainSteps.chainId, rows.map((c) => c.id))))
    .orderBy(asc(chainSteps.orderIndex));
  const actions = steps.length
    ? await tx
        .select()
        .from(chainStepActions)
        .where(and(eq(chainStepActions.workspaceId, workspaceId), inArray(chainStepActions.stepId, steps.map((s) => s.id))))
        .orderBy(asc(chainStepActions.orderIndex))
    : [];
  const full = steps.map((s) => ({ ...s, actions: actions.filter((a) => a.stepId === s.id) }));
  const stats = await chainListStats(tx, workspaceId, rows.map((c) => c.id));
  return rows.map((c) => {
    const summary = stats(c.id);
    // Issue 10 "Results": every chain row carries its runs' summary and how many are in flight.
    return { ...presentChain(c, full.filter((s) => s.chainId === c.id)), stats: summary, runs_in_flight: summary.running };
  });
}

export async function loadChains(tx: Tx, workspaceId: string, agentId: string) {
  const rows = await tx
    .select()
    .from(chains)
    .where(and(eq(chains.agentId, agentId), eq(chains.workspaceId, workspaceId)))
    .orderBy(asc(chains.createdAt), asc(chains.name));
  return withSteps(tx, workspaceId, rows);
}

async function requireChain(tx: Tx, actor: WorkspaceActor, agentId: string, chainId: string) {
  await requireAgent(tx, actor, agentId);
  const [row] = await tx
    .select()
    .from(chains)
    .where(and(eq(chains.id, chainId), eq(chains.agentId, agentId), eq(chains.workspaceId, actor.workspaceId)));
  if (!row) throw notFound('Chain');
  return row;
}

async function present(tx: Tx, actor: WorkspaceActor, row: ChainRow) {
  const [chain] = await withSteps(tx, actor.workspaceId, [row]);
  return chain;
}

/** Steps run in order_index order (the given order where absent); they are stored as 0..n-1. */
function orderSteps(steps: ChainStepInput[]) {
  return steps
    .map((s, pos) => ({ s, key: s.order_index ?? pos, pos }))
    .sort((a, b) => a.key - b.key || a.pos - b.pos)
    .map(({ s }) => s);
}

async function replaceSteps(tx: Tx, actor: WorkspaceActor, chainId: string, steps: ChainStepInput[]) {
  const ws = actor.workspaceId;
  await tx.delete(chainSteps).where(and(eq(chainSteps.chainId, chainId), eq(chainSteps.workspaceId, ws)));
  const ordered = orderSteps(steps).map((s) => ({ ...s, id: crypto.randomUUID() }));
  await tx.insert(chainSteps).values(
    ordered.map((s, i) => ({ id: s.id, workspaceId: ws, chainId, orderIndex: i, delayValue: s.delay_value, delayUnit: s.delay_unit })),
  );
  await tx.insert(chainStepActions).values(
    ordered.flatMap((s) =>
      s.actions.map((a, i) => ({ workspaceId: ws, stepId: s.id, actionType: a.action_type, instruction: a.instruction, orderIndex: i })),
    ),
  );
}

export async function listChains(actor: WorkspaceActor, agentId: string) {
  return withActor(actor, async (tx) => {
    await requireAgent(tx, actor, agentId);
    return loadChains(tx, actor.workspaceId, agentId);
  });
}

export async function getChain(actor: WorkspaceActor, agentId: string, chainId: string) {
  return withActor(actor, async (tx) => present(tx, actor, await requireChain(tx, actor, agentId, chainId)));
}

/** A chain schedule with no enabled day would never open (as working hours): refused (issue 10). */
function refuseClosedSchedule(schedule: readonly { enabled: boolean }[] | null | undefined): void {
  if (schedule && !schedule.some((d) => d.enabled)) {
    throw invalidField('schedule', 'a schedule needs at least one enabled day (or none at all: any time)', 'schedule_needs_day');
  }
}

export async function createChain(actor: WorkspaceActor, agentId: string, raw: unknown) {
  const input = createChainSchema.parse(raw);
  refuseClosedSchedule(input.schedule);
  return withActor(actor, async (tx) => {
    await requireAgent(tx, actor, agentId);
    const [row] = await tx
      .insert(chains)
      .values({
        workspaceId: actor.workspaceId,
        agentId,
        name: input.name,
        isActive: input.is_active,
        conditionType: input.condition_type,
        conditionStages: input.condition_stages,
        conditionExclude: input.condition_exclude ?? null,
        runLimit: input.run_limit,
        schedule: input.schedule ?? null,
      })
      .returning();
    await replaceSteps(tx, actor, row.id, input.steps);
    const chain = await present(tx, actor, row);
    await recordAudit(tx, actor, {
      action: 'create_chain',
      entityType: 'chain',
      entityId: row.id,
      newValues: { agent_id: agentId, ...input },
    });
    return chain;
  });
}

/** Steps compare by content: replacing them gives new ids but is no change. */
type StepLike = { delay_value: number; delay_unit: string; actions: { action_type: string; instruction: string | null }[] };
const comparable = (steps: StepLike[] | undefined) =>
  steps?.map((s) => ({
    delay_value: s.delay_value,
    delay_unit: s.delay_unit,
    actions: s.actions.map((a) => ({ action_type: a.action_type, instruction: a.instruction })),
  }));

export async function updateChain(actor: WorkspaceActor, agentId: string, chainId: string, raw: unknown) {
  const input = updateChainSchema.parse(raw);
  refuseClosedSchedule(input.schedule);
  return withActor(actor, async (tx) => {
    const row = await requireChain(tx, actor, agentId, chainId);
    // The rule spans two fields, so it is checked on the merged result.
    const problem = chainConditionProblem(input.condition_type ?? row.conditionType, input.condition_stages ?? row.conditionStages);
    if (problem) throw invalidField('condition_stages', problem.message, problem.code);
    const before = await present(tx, actor, row);
    const diff = diffSnapshots(
      { ...before, steps: comparable(before.steps) },
      { ...input, steps: input.steps && comparable(orderSteps(input.steps)) },
    );
    if (!diff.changed) return before;
    const patch = {
      name: input.name,
      isActive: input.is_active,
      conditionType: input.condition_type,
      conditionStages: input.condition_stages,
      conditionExclude: input.condition_exclude,
      schedule: input.schedule,
      runLimit: input.run_limit,
    };
    const [updated] = await tx
      .update(chains)
      // A new version: runs already going keep the chain they started with (their snapshot).
      .set({ ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)), version: sql`${chains.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(chains.id, chainId), eq(chains.workspaceId, actor.workspaceId)))
      .returning();
    if (input.steps) await replaceSteps(tx, actor, chainId, input.steps);
    if (input.is_active === false && row.isActive) await stopRunsAsSystem({ workspaceId: actor.workspaceId, chainId, reason: 'chain_off' });
    await recordAudit(tx, actor, {
      action: 'update_chain',
      entityType: 'chain',
      entityId: chainId,
      oldValues: diff.oldValues,
      newValues: diff.newValues,
    });
    return present(tx, actor, updated);
  });
}

export async function deleteChain(actor: WorkspaceActor, agentId: string, chainId: string) {
  await withActor(actor, async (tx) => {
    const before = await present(tx, actor, await requireChain(tx, actor, agentId, chainId));
    await tx.delete(chains).where(and(eq(chains.id, chainId), eq(chains.workspaceId, actor.workspaceId)));
    await recordAudit(tx, actor, { action: 'delete_chain', entityType: 'chain', entityId: chainId, oldValues: before });
  });
}

export async function toggleChain(actor: WorkspaceActor, agentId: string, chainId: string, raw: unknown) {
  const { is_active } = toggleSchema.parse(raw ?? {});
  return withActor(actor, async (tx) => {
    const before = await requireChain(tx, actor, agentId, chainId);
    const [row] = await tx
      .update(chains)
      .set({ isActive: is_active ?? !before.isActive, updatedAt: sql`now()` })
      .where(and(eq(chains.id, chainId), eq(chains.workspaceId, actor.workspaceId)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'toggle_chain',
      entityType: 'chain',
      entityId: chainId,
      oldValues: { is_active: before.isActive },
      newValues: { is_active: row.isActive },
    });
    // Switched off: its runs stop (issue 10).
    if (before.isActive && !row.isActive) await stopRunsAsSystem({ workspaceId: actor.workspaceId, chainId, reason: 'chain_off' });
    return present(tx, actor, row);
  });
}
