// Runs one tool call of a turn (the model's, a trigger action's or a rule's): the policy
// checks it first (refused calls are recorded on the trace and as a `tool_refused` event and
// change nothing); an allowed call runs in one transaction through the CRM adapter and the
// conversation functions, every change a timeline event with old and new value and source
// `agent`, listed in trace.fields_changed. The output is the JSON text the model gets back.
import { and, eq } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { clientFacts, clients, conversations } from '@/lib/db/schema/crm';
import { toAppError } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { crmFor } from '@/lib/crm/get-crm';
import { recordEvent } from '@/lib/crm/record-event';
import { normalizePhone } from '@/lib/crm/normalize-phone';
import { workspaceRegion } from '@/lib/crm/workspace-region';
import { findPrices } from '@/lib/crm/price-list/list-price-items';
import { updateContext } from '@/lib/crm/conversations/update-context';
import { pauseConversation } from '@/lib/crm/conversations/pause-conversation';
import { createNotification } from '@/lib/notifications/create-notification';
import { checkToolCall, type CheckedCall, type ToolArgs } from '../policy/check-tool-call';
import type { ToolCallStatus, TurnFieldChange, TurnState, TurnToolCall } from '../types';
import { logger } from '@/lib/log/logger';

export interface ToolCallInput {
  name: string;
  arguments: unknown;
}

interface Outcome {
  status: ToolCallStatus;
  reason?: string;
  output: Record<string, unknown>;
  changes?: TurnFieldChange[];
}

/** Arguments as stored on the trace and the refusal event: at most ~2000 characters of JSON. */
function traceArgs(args: unknown): unknown {
  try {
    const json = JSON.stringify(args ?? null);
    return json.length <= 2000 ? args : { truncated: json.slice(0, 2000) };
  } catch {
    return null;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

async function refreshConversation(tx: Tx, state: TurnState): Promise<void> {
  const [c] = await tx
    .select({ status: conversations.status, pausedBy: conversations.pausedBy, stageId: conversations.stageId, pipelineId: conversations.pipelineId, context: conversations.context, version: conversations.version, clientId: conversations.clientId })
    .from(conversations)
    .where(and(eq(conversations.id, state.conversation.id), eq(conversations.workspaceId, state.workspaceId)));
  if (c) Object.assign(state.conversation, { ...c, context: c.context ?? {} });
}

// ---- the tools -------------------------------------------------------------------------------

async function updateField(state: TurnState, a: ToolArgs['update_field']): Promise<Outcome> {
  const id = a.entity === 'deal' ? state.conversation.id : state.conversation.clientId;
  const [r] = await crmFor(state.actor).updateFields(a.entity, id, { [a.field]: a.value }, { overwrite: a.overwrite });
  if (r.status === 'applied') {
    return {
      status: 'applied',
      output: { ok: true, field: `${a.entity}.${a.field}`, value: r.value },
      changes: [{ entity: a.entity, code: a.field, old_value: r.old_value ?? null, new_value: r.value ?? null }],
    };
  }
  if (r.status === 'skipped') {
    const why = r.reason === 'filled' ? 'The field is already filled and this agent may not overwrite it' : 'The field already has this value';
    return { status: 'skipped', reason: r.reason, output: { ok: true, skipped: r.reason, message: why } };
  }
  return { status: 'failed', reason: r.reason, output: { ok: false, error: r.reason, message: r.message } };
}

async function registerLead(tx: Tx, state: TurnState, a: ToolArgs['register_lead']): Promise<Outcome> {
  const phone = normalizePhone(a.phone, await workspaceRegion(tx, state.workspaceId));
  if (!phone) return { status: 'failed', reason: 'invalid_phone', output: { ok: false, error: 'invalid_phone', message: `${a.phone} is not a phone number` } };
  const crm = crmFor(state.actor);
  const changes: TurnFieldChange[] = [];
  const warnings: string[] = [];
  const contact: Record<string, unknown> = { name: a.name, phone };
  if (a.city) contact.city = a.city;
  for (const r of await crm.updateFields('contact', state.conversation.clientId, contact, { overwrite: { name: true, phone: true, city: true } })) {
    if (r.status === 'applied') changes.push({ entity: 'client', code: r.code, old_value: r.old_value ?? null, new_value: r.value ?? null });
    else if (r.status === 'rejected') warnings.push(`${r.code}: ${r.reason}`);
  }
  const previous = isObject(state.conversation.context.lead) ? state.conversation.context.lead : null;
  const lead = { name: a.name, phone, city: a.city ?? null, object_type: a.object_type ?? null, area: a.area ?? null, summary: a.summary ?? null };
  const deal: Record<string, unknown> = { title: `${a.object_type ?? 'Заявка'} — ${a.name}`.slice(0, 255) };
  if (a.summary) deal.description = a.summary;
  for (const r of await crm.updateFields('deal', state.conversation.id, deal, { overwrite: { description: true } })) {
    if (r.status === 'applied') changes.push({ entity: 'deal', code: r.code, old_value: r.old_value ?? null, new_value: r.value ?? null });
  }
  if (!same(previous, lead)) {
    await updateContext(state.actor, state.conversation.id, { lead });
    changes.push({ entity: 'context', code: 'lead', old_value: previous, new_value: lead });
  }
  const created = previous === null;
  await recordEvent(tx, state.actor, {
    type: 'lead_registered',
    conversationId: state.conversation.id,
    clientId: state.conversation.clientId,
    payload: { client_id: state.conversation.clientId, ...lead, created },
  });
  if (created) {
    await createNotification(state.actor, {
      type: 'new_lead',
      title: `Новый лид: ${a.name}`,
      description: [phone, a.city, a.summary].filter(Boolean).join(' · ').slice(0, 1000),
      actionText: 'Открыть сделку',
      actionUrl: `/conversations?deal=${state.conversation.id}`,
      data: { client_id: state.conversation.clientId, conversation_id: state.conversation.id, name: a.name, phone },
    });
  }
  return {
    status: changes.length || created ? 'applied' : 'skipped',
    reason: changes.length || created ? undefined : 'unchanged',
    output: { ok: true, lead: created ? 'registered' : 'updated', ...(warnings.length ? { warnings } : {}) },
    changes,
  };
}

async function addFact(tx: Tx, state: TurnState, a: ToolArgs['add_fact']): Promise<Outcome> {
  const ws = state.workspaceId;
  const clientId = state.conversation.clientId;
  const [known] = await tx
    .select({ id: clientFacts.id })
    .from(clientFacts)
    .where(and(eq(clientFacts.workspaceId, ws), eq(clientFacts.clientId, clientId), eq(clientFacts.text, a.fact)));
  if (known) return { status: 'skipped', reason: 'unchanged', output: { ok: true, skipped: 'known' } };
  const [row] = await tx
    .insert(clientFacts)
    .values({ workspaceId: ws, clientId, text: a.fact, source: 'agent', conversationId: state.conversation.id })
    .returning({ id: clientFacts.id });
  await recordEvent(tx, state.actor, { type: 'fact_added', clientId, conversationId: state.conversation.id, payload: { fact_id: row.id, text: a.fact } });
  await recordAudit(tx, state.actor, { action: 'add_client_fact', entityType: 'client_fact', entityId: row.id, newValues: { client_id: clientId, text: a.fact } });
  return { status: 'applied', output: { ok: true }, changes: [{ entity: 'fact', code: row.id, old_value: null, new_value: a.fact }] };
}

async function lookupPrice(state: TurnState, a: ToolArgs['lookup_price']): Promise<Outcome> {
  const items = (await findPrices(state.actor, a.device, { category: a.category })).slice(0, 10);
  return {
    status: 'applied',
    output: {
      ok: true,
      device: a.device,
      items: items.map((i) => ({
        service: i.service_name,
        category: i.category,
        device: i.device_pattern,
        price_from: i.price_from,
        price_to: i.price_to,
        currency: i.currency,
        duration_minutes: i.duration_minutes,
      })),
      ...(items.length ? {} : { note: 'No price in the price list for this device: do not name a price; offer to check with a manager.' }),
    },
  };
}

async function createTask(state: TurnState, a: ToolArgs['create_task']): Promise<Outcome> {
  const due = a.due_in_hours !== undefined ? new Date(state.now.getTime() + a.due_in_hours * 3_600_000).toISOString() : null;
  const task = await crmFor(state.actor).createTask({ text: a.text, due_at: due, client_id: state.conversation.clientId, conversation_id: state.conversation.id });
  state.trace.task_ids.push(task.id);
  return { status: 'applied', output: { ok: true, task_id: task.id } };
}

async function changeStage(state: TurnState, a: ToolArgs['change_stage']): Promise<Outcome> {
  const old = state.conversation.stageId;
  if (old === a.stage_id) return { status: 'skipped', reason: 'unchanged', output: { ok: true, skipped: 'unchanged' } };
  const deal = await crmFor(state.actor).changeStage(state.conversation.id, a.stage_id);
  return { status: 'applied', output: { ok: true, stage_id: deal.stage_id }, changes: [{ entity: 'stage', code: 'stage_id', old_value: old, new_value: deal.stage_id }] };
}

async function requestHuman(tx: Tx, state: TurnState, a: ToolArgs['request_human']): Promise<Outcome> {
  const before = state.conversation.status;
  if (before === 'paused') return { status: 'skipped', reason: 'already_paused', output: { ok: true, skipped: 'already_paused' } };
  await pauseConversation(state.actor, state.conversation.id, { paused_by: 'agent', reason: a.reason });
  await recordEvent(tx, state.actor, { type: 'human_requested', conversationId: state.conversation.id, clientId: state.conversation.clientId, payload: { reason: a.reason } });
  await createNotification(state.actor, {
    type: 'handover_requested',
    title: 'Агент просит подключить менеджера',
    description: a.reason,
    actionText: 'Открыть диалог',
    actionUrl: `/conversations?deal=${state.conversation.id}`,
    data: { conversation_id: state.conversation.id, reason: a.reason },
  });
  return {
    status: 'applied',
    output: { ok: true, paused: true, message: 'A manager will take over; tell the customer briefly.' },
    changes: [{ entity: 'conversation', code: 'status', old_value: before, new_value: 'paused' }],
  };
}

async function updateDialogContext(tx: Tx, state: TurnState, a: ToolArgs['update_context']): Promise<Outcome> {
  const current = state.conversation.context ?? {};
  const next: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(a)) {
    if (value === undefined) continue;
    // device/issue: the keys given are merged into what is known (a color later keeps the model).
    const merged = isObject(value) && isObject(current[key]) ? { ...(current[key] as Record<string, unknown>), ...dropEmpty(value) } : isObject(value) ? dropEmpty(value) : value;
    if (isObject(merged) && !Object.keys(merged).length) continue;
    if (!same(current[key], merged)) next[key] = merged;
  }
  const keys = Object.keys(next);
  if (!keys.length) return { status: 'skipped', reason: 'unchanged', output: { ok: true, skipped: 'unchanged' } };
  await updateContext(state.actor, state.conversation.id, next);
  await recordEvent(tx, state.actor, {
    type: 'context_extracted',
    conversationId: state.conversation.id,
    clientId: state.conversation.clientId,
    payload: { ...next, changed: keys },
  });
  state.trace.context_extracted = { ...(state.trace.context_extracted ?? {}), ...next };
  return {
    status: 'applied',
    output: { ok: true, changed: keys },
    changes: keys.map((k) => ({ entity: 'context' as const, code: k, old_value: current[k] ?? null, new_value: next[k] })),
  };
}

function dropEmpty(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ''));
}

function run(tx: Tx, state: TurnState, call: CheckedCall): Promise<Outcome> {
  switch (call.name) {
    case 'update_field':
      return updateField(state, call.args);
    case 'register_lead':
      return registerLead(tx, state, call.args);
    case 'add_fact':
      return addFact(tx, state, call.args);
    case 'lookup_price':
      return lookupPrice(state, call.args);
    case 'create_task':
      return createTask(state, call.args);
    case 'change_stage':
      return changeStage(state, call.args);
    case 'request_human':
      return requestHuman(tx, state, call.args);
    case 'update_context':
      return updateDialogContext(tx, state, call.args);
  }
}

/** Records a refused call: on the trace and as a `tool_refused` event of the conversation. */
export async function recordRefusal(state: TurnState, call: ToolCallInput, reason: string, source: TurnToolCall['source']): Promise<void> {
  const args = traceArgs(call.arguments);
  state.trace.tools.push({ name: String(call.name).slice(0, 100), arguments: args, status: 'refused', reason, source });
  await withActor(state.actor, (tx) =>
    recordEvent(tx, state.actor, {
      type: 'tool_refused',
      conversationId: state.conversation.id,
      clientId: state.conversation.clientId,
      payload: { tool: String(call.name).slice(0, 100), reason, arguments: args, source },
    }),
  );
}

export async function executeToolCall(state: TurnState, call: ToolCallInput, source: TurnToolCall['source'] = 'model'): Promise<{ output: string }> {
  const checked = checkToolCall(state, call);
  if (!checked.ok) {
    await recordRefusal(state, call, checked.reason, source);
    return { output: JSON.stringify({ ok: false, error: checked.reason, message: checked.message }) };
  }
  let outcome: Outcome;
  try {
    outcome = await withActor(state.actor, async (tx) => {
      const result = await run(tx, state, checked);
      await refreshConversation(tx, state);
      return result;
    });
  } catch (err) {
    // Rolled back as a whole: nothing of this call was written.
    const e = toAppError(err);
    const field = (e.details as { fields?: { code?: string }[] } | undefined)?.fields?.[0]?.code;
    const reason = field ?? e.code;
    outcome = { status: 'failed', reason, output: { ok: false, error: reason, message: e.status >= 500 ? 'The change could not be made' : e.message } };
    if (e.status >= 500) logger.error({ tool: call.name, err: (err as Error).message }, 'runtime tool call failed');
  }
  state.trace.tools.push({ name: checked.name, arguments: traceArgs(checked.args), status: outcome.status, ...(outcome.reason ? { reason: outcome.reason } : {}), source });
  if (outcome.changes?.length) state.trace.fields_changed.push(...outcome.changes);
  return { output: JSON.stringify(outcome.output) };
}
