// PATCH /api/conversations/:id with the version it was read at. Every change is a timeline
// event with old and new value and its source (stage_changed, price_changed, tags_changed,
// operator_assigned, dialog_completed, context_updated per key, field_updated per key) and the
// whole change is one audit row.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { recordChange, recordEvent } from '../record-event';
import { checkCustomFields, loadFieldDefinitions } from '../custom-fields';
import { workspaceRegion } from '../workspace-region';
import { num, presentConversation, requireConversationRow, type ConversationRow } from './load-conversations';
import { assertMember, resolveStage } from './resolve-refs';
import { updateConversationSchema, type UpdateConversationInput } from './schemas';
import { assertVersion, sameJson, writeConversation, type ConversationPatch } from './write-conversation';
import { stopRunsAsSystem } from '@/lib/chains/stop-runs';
import { afterCommit } from '@/lib/db/actor';
import { hintDueRunner } from '@/lib/jobs/due-work/runner';

type Changes = { old: Record<string, unknown>; new: Record<string, unknown> };

/** Context keys that differ between two objects, with old and new values (null = absent). */
export function contextDiff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((k) => !sameJson(before[k], after[k])).map((k) => ({ key: k, old: before[k] ?? null, new: after[k] ?? null }));
}

/** Writes one context_updated event per changed key. */
export async function recordContextEvents(tx: Tx, actor: WorkspaceActor, row: ConversationRow, diff: ReturnType<typeof contextDiff>) {
  for (const d of diff) {
    await recordChange(tx, actor, { type: 'context_updated', conversationId: row.id, clientId: row.client_id, field: d.key, oldValue: d.old, newValue: d.new });
  }
}

export async function updateConversation(actor: WorkspaceActor, id: string, raw: UpdateConversationInput) {
  assertCan(actor, 'conversations.write');
  const input = updateConversationSchema.parse(raw);
  return withActor(actor, async (tx) => {
    const ws = actor.workspaceId;
    const before = await requireConversationRow(tx, actor, id);
    assertVersion(before, input.version);
    const set: ConversationPatch = {};
    const changes: Changes = { old: {}, new: {} };
    const note = (field: string, oldValue: unknown, newValue: unknown) => {
      changes.old[field] = oldValue ?? null;
      changes.new[field] = newValue ?? null;
    };
    const events: Array<() => Promise<unknown>> = [];
    const ev = { conversationId: before.id, clientId: before.client_id };

    // Stage (and, optionally, pipeline): the stage must be one of the (new) pipeline's.
    if (input.stage_id !== undefined || input.pipeline_id !== undefined) {
      const wantsPipeline = input.pipeline_id ?? before.pipeline_id ?? undefined;
      const { pipelineId, stage } = await resolveStage(tx, ws, {
        pipeline_id: wantsPipeline,
        stage_id: input.stage_id ?? (input.pipeline_id && input.pipeline_id !== before.pipeline_id ? undefined : before.stage_id ?? undefined),
      });
      if (stage.id !== before.stage_id) {
        set.pipelineId = pipelineId;
        set.stageId = stage.id;
        set.stageChangedAt = sql`now()`;
        // The stage-entry trigger queues `chain.start` (due now); a trigger cannot wake this
        // process's runner, so the change does once it has committed.
        await afterCommit(() => hintDueRunner(new Date()));
        note('stage_id', before.stage_id, stage.id);
        if (pipelineId !== before.pipeline_id) note('pipeline_id', before.pipeline_id, pipelineId);
        const price = input.price !== undefined ? input.price : num(before.price);
        events.push(() =>
          recordEvent(tx, actor, {
            type: 'stage_changed',
            ...ev,
            payload: {
              field: 'stage',
              old_value: before.stage_code,
              new_value: stage.code,
              old_stage: before.stage_code,
              new_stage: stage.code,
              old_stage_name: before.stage_name,
              new_stage_name: stage.name,
              old_stage_id: before.stage_id,
              new_stage_id: stage.id,
              ...(pipelineId !== before.pipeline_id ? { old_pipeline_id: before.pipeline_id, new_pipeline_id: pipelineId } : {}),
              price,
            },
          }),
        );
      }
    }
    if (input.price !== undefined && input.price !== num(before.price)) {
      set.price = input.price;
      note('price', num(before.price), input.price);
      events.push(() => recordChange(tx, actor, { type: 'price_changed', ...ev, field: 'price', oldValue: num(before.price), newValue: input.price }));
    }
    if (input.tags !== undefined && !sameJson(input.tags, before.tags)) {
      set.tags = input.tags;
      note('tags', before.tags, input.tags);
      events.push(() => recordChange(tx, actor, { type: 'tags_changed', ...ev, field: 'tags', oldValue: before.tags, newValue: input.tags }));
    }
    if (input.responsible_user_id !== undefined && input.responsible_user_id !== before.responsible_user_id) {
      if (input.responsible_user_id) await assertMember(tx, ws, input.responsible_user_id);
      set.responsibleUserId = input.responsible_user_id;
      note('responsible_user_id', before.responsible_user_id, input.responsible_user_id);
      events.push(() =>
        recordChange(tx, actor, { type: 'operator_assigned', ...ev, field: 'responsible_user_id', oldValue: before.responsible_user_id, newValue: input.responsible_user_id }),
      );
    }
    for (const field of ['title', 'description'] as const) {
      const value = input[field];
      if (value !== undefined && value !== before[field]) {
        set[field] = value;
        note(field, before[field], value);
        events.push(() => recordChange(tx, actor, { type: 'field_updated', ...ev, field, oldValue: before[field], newValue: value }));
      }
    }
    if (input.status !== undefined && input.status !== before.status) {
      set.status = input.status;
      note('status', before.status, input.status);
      if (input.status === 'closed') {
        set.closedAt = sql`now()`;
        events.push(() => recordEvent(tx, actor, { type: 'dialog_completed', ...ev, payload: { field: 'status', old_value: before.status, new_value: 'closed' } }));
        events.push(() => stopRunsAsSystem({ workspaceId: actor.workspaceId, conversationId: before.id, reason: 'conversation_closed' }));
      } else if (input.status === 'paused') {
        Object.assign(set, { pausedBy: 'human', pausedAt: sql`now()`, pauseReason: null });
        events.push(() => recordEvent(tx, actor, { type: 'dialog_paused', ...ev, payload: { paused_by: 'human', reason: null, old_status: before.status } }));
        events.push(() => stopRunsAsSystem({ workspaceId: actor.workspaceId, conversationId: before.id, reason: 'human_took_over' }));
      } else {
        Object.assign(set, { pausedBy: null, pausedAt: null, pauseReason: null, closedAt: null });
        events.push(() => recordEvent(tx, actor, { type: 'dialog_resumed', ...ev, payload: { old_status: before.status } }));
      }
    }
    if (input.context !== undefined) {
      const diff = contextDiff(before.context ?? {}, input.context);
      if (diff.length) {
        set.context = input.context;
        note('context', before.context, input.context);
        events.push(() => recordContextEvents(tx, actor, before, diff));
      }
    }
    if (input.custom_fields !== undefined) {
      const defs = await loadFieldDefinitions(tx, ws, 'deal');
      const existing = before.custom_fields ?? {};
      const merged = checkCustomFields(defs, input.custom_fields, { existing, region: await workspaceRegion(tx, ws) });
      const diff = contextDiff(existing, merged);
      if (diff.length) {
        set.customFields = merged;
        note('custom_fields', existing, merged);
        for (const d of diff) {
          events.push(() => recordChange(tx, actor, { type: 'field_updated', ...ev, field: d.key, oldValue: d.old, newValue: d.new, extra: { custom_field: true } }));
        }
      }
    }
    if (!Object.keys(set).length) return presentConversation(before);
    await writeConversation(tx, actor, before, set);
    for (const write of events) await write();
    await recordAudit(tx, actor, { action: 'update_conversation', entityType: 'conversation', entityId: before.id, oldValues: changes.old, newValues: changes.new });
    return presentConversation(await requireConversationRow(tx, actor, before.id));
  });
}
