// The policy layer: every tool call is checked against the same allow-list the tools were
// built from, before it touches data — whatever the model (or a prompt injected into a
// customer message, an article or a CRM value) asked for. Unknown tools, fields the update
// rules do not name, stages outside the agent's pipelines, wrong types, overlong text and any
// record id (tools act on this turn's conversation and client only) are refused.
import { z } from 'zod';
import type { TurnState } from '../types';
import { allowedStages, INTENTS, LIMITS, TOOL_NAMES, type ToolName } from '../tools/build-tools';

export type ToolArgs = {
  update_field: { entity: 'deal' | 'contact'; field: string; value: unknown; overwrite: boolean };
  register_lead: { name: string; phone: string; city?: string; object_type?: string; area?: string; summary?: string };
  add_fact: { fact: string };
  lookup_price: { device: string; category?: string };
  create_task: { text: string; due_in_hours?: number };
  change_stage: { stage_id: string; reason?: string };
  request_human: { reason: string };
  update_context: Record<string, unknown>;
};

export type CheckedCall = { [K in ToolName]: { ok: true; name: K; args: ToolArgs[K] } }[ToolName];
export type RefusedCall = { ok: false; reason: string; message: string };

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).optional();

/** Keys naming records: the tools never take them (they act on this turn's conversation and client). */
const RECORD_KEYS = /(^|_)(id|ids)$|conversation|client|deal|contact|workspace|agent/i;

const schemas = {
  register_lead: z
    .object({
      name: text(255),
      phone: text(50),
      city: optText(255),
      object_type: optText(255),
      area: optText(100),
      summary: optText(LIMITS.long),
    })
    .strict(),
  add_fact: z.object({ fact: text(LIMITS.fact) }).strict(),
  lookup_price: z.object({ device: text(LIMITS.device), category: optText(255) }).strict(),
  create_task: z.object({ text: text(LIMITS.text), due_in_hours: z.number().int().min(0).max(8760).optional() }).strict(),
  change_stage: z.object({ stage_id: z.string().max(100), reason: optText(LIMITS.reason) }).strict(),
  request_human: z.object({ reason: text(LIMITS.reason) }).strict(),
  update_context: z
    .object({
      intent: z.enum(INTENTS).optional(),
      device: z.object({ brand: optText(100), model: optText(100), color: optText(50) }).strict().optional(),
      issue: z.object({ category: optText(100), description: optText(LIMITS.text) }).strict().optional(),
      stage: optText(50),
      price_quoted: z.number().min(0).max(1e11).nullable().optional(),
      price_final: z.number().min(0).max(1e11).nullable().optional(),
      awaiting: optText(100).nullable(),
    })
    .strict(),
  update_field: z
    .object({
      entity: z.enum(['deal', 'contact']),
      field: z.string().max(100),
      value: z.union([z.string().max(LIMITS.value), z.number(), z.boolean(), z.null(), z.array(z.string().max(50)).max(50)]),
    })
    .strict(),
} as const;

function refuse(reason: string, message: string): RefusedCall {
  return { ok: false, reason, message };
}

export function checkToolCall(state: TurnState, call: { name: string; arguments: unknown }): CheckedCall | RefusedCall {
  if (!(TOOL_NAMES as readonly string[]).includes(call.name)) return refuse('unknown_tool', `There is no tool ${call.name}`);
  const name = call.name as ToolName;
  if (name === 'update_field' && !state.config.updateRules.length) return refuse('field_not_allowed', 'This agent may not change CRM fields');
  if (call.arguments === null || typeof call.arguments !== 'object' || Array.isArray(call.arguments)) {
    return refuse('invalid_arguments', 'The arguments must be a JSON object');
  }
  const raw = call.arguments as Record<string, unknown>;
  const named = Object.keys(raw).find((k) => RECORD_KEYS.test(k) && !(name === 'change_stage' && k === 'stage_id'));
  if (named) return refuse('foreign_record', `Tools act on this dialog only; ${named} is not accepted`);
  const parsed = schemas[name].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse('invalid_arguments', `${issue.path.join('.') || 'arguments'}: ${issue.message}`);
  }
  const args = parsed.data as Record<string, unknown>;

  if (name === 'update_field') {
    const a = args as { entity: 'deal' | 'contact'; field: string; value: unknown };
    const rule = state.config.updateRules.find((r) => r.entityType === a.entity && r.fieldCode === a.field);
    if (!rule) return refuse('field_not_allowed', `No update rule allows ${a.entity}.${a.field}`);
    // Tags come as "a, b" from a model that only writes text.
    const value = rule.field?.type === 'tags' && typeof a.value === 'string' ? a.value.split(',').map((t) => t.trim()).filter(Boolean) : a.value;
    return { ok: true, name, args: { entity: a.entity, field: a.field, value, overwrite: rule.overwrite } };
  }
  if (name === 'change_stage') {
    const stageId = (args as { stage_id: string }).stage_id;
    if (!allowedStages(state.config).some((s) => s.id === stageId)) return refuse('stage_not_allowed', `Stage ${stageId} is not one of this agent's stages`);
  }
  if (name === 'update_context' && !Object.keys(args).length) return refuse('invalid_arguments', 'Nothing to record');
  return { ok: true, name, args } as CheckedCall;
}
