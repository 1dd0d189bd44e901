// An agent's settings name CRM things by id: pipelines (pipelines.id), stages (pipeline_stages.id)
// and fields (system field codes or crm_fields.code). On save they must exist in the workspace's
// CRM (400 naming the setting); on read, ones deleted since are reported as warnings.
import { badRequest, type FieldIssue } from '@/lib/api/errors';
import type { CrmChoices } from '@/lib/crm/list-crm-choices';
import { systemFieldsOf } from '@/lib/crm/system-fields';
import type { SetPipelinesInput } from './schemas';

export type CrmWarningKind = 'missing_pipeline' | 'missing_stage' | 'missing_field';
export interface CrmWarning {
  kind: CrmWarningKind;
  /** The id or code that no longer exists. */
  ref: string;
  /** The setting holding it, as an API field path: pipelines.0.stages.1, crm_access.read_deal_fields.2, update_rules.0.field_id. */
  where: string;
}

interface PipelineRef {
  pipeline_id: string;
  stages: string[];
  stage_instructions: Record<string, string>;
}
interface FieldRefs {
  crm_access: { read_deal_fields: string[]; read_contact_fields: string[] };
  update_rules: { entity_type: string; field_id: string }[];
}

const norm = (id: string) => id.trim().toLowerCase();

function pipelineById(choices: CrmChoices, id: string) {
  return choices.pipelines.find((p) => p.id === norm(id));
}

export function fieldCodes(choices: CrmChoices, entity: 'deal' | 'contact'): Set<string> {
  return new Set((entity === 'deal' ? choices.deal_fields : choices.contact_fields).map((f) => f.code));
}

function rejectIfAny(issues: FieldIssue[]): void {
  if (issues.length) throw badRequest(`Invalid value for: ${[...new Set(issues.map((i) => i.field))].join(', ')}`, { fields: issues });
}

/**
 * Checks every pipeline and stage id against the CRM and returns the pipelines to store: ids in
 * the CRM's spelling, pipeline_name taken from the CRM when omitted.
 */
export function resolvePipelineRefs(choices: CrmChoices, input: SetPipelinesInput['pipelines']) {
  const issues: FieldIssue[] = [];
  const out = input.map((p, i) => {
    const pipeline = pipelineById(choices, p.pipeline_id);
    if (!pipeline) {
      issues.push({ field: `pipelines.${i}.pipeline_id`, code: 'unknown_pipeline', message: `pipeline ${p.pipeline_id} does not exist in this workspace's CRM` });
      return { ...p, pipeline_name: p.pipeline_name ?? p.pipeline_id };
    }
    const stageIds = new Set(pipeline.stages.map((s) => s.id));
    p.stages.forEach((s, j) => {
      if (!stageIds.has(norm(s))) {
        issues.push({ field: `pipelines.${i}.stages.${j}`, code: 'unknown_stage', message: `stage ${s} is not a stage of pipeline ${pipeline.name}` });
      }
    });
    for (const key of Object.keys(p.stage_instructions)) {
      if (!stageIds.has(norm(key)) && !p.stages.includes(key)) {
        issues.push({ field: `pipelines.${i}.stage_instructions.${key}`, code: 'unknown_stage', message: `stage ${key} is not a stage of pipeline ${pipeline.name}` });
      }
    }
    return {
      ...p,
      pipeline_id: pipeline.id,
      pipeline_name: p.pipeline_name ?? pipeline.name,
      stages: p.stages.map(norm),
      stage_instructions: Object.fromEntries(Object.entries(p.stage_instructions).map(([k, v]) => [norm(k), v])),
    };
  });
  rejectIfAny(issues);
  return out;
}

/** Each code must be a field of its entity in the CRM; one 400 names every unknown one (read_deal_fields.1 …). */
export function assertFieldCodes(choices: CrmChoices, lists: { entity: 'deal' | 'contact'; codes: string[]; field: string }[]): void {
  rejectIfAny(
    lists.flatMap(({ entity, codes, field }) => {
      const known = fieldCodes(choices, entity);
      return codes.flatMap((code, i) =>
        known.has(code) ? [] : [{ field: `${field}.${i}`, code: 'unknown_field', message: `${code} is not a ${entity} field of this workspace's CRM` }],
      );
    }),
  );
}

/** An update rule's field: it must exist for the entity and be one the agent may write. */
export function assertRuleField(choices: CrmChoices, entity: 'deal' | 'contact', code: string): void {
  const issue = (c: string, message: string) => rejectIfAny([{ field: 'field_id', code: c, message }]);
  if (!fieldCodes(choices, entity).has(code)) issue('unknown_field', `${code} is not a ${entity} field of this workspace's CRM`);
  const system = systemFieldsOf(entity).find((f) => f.code === code);
  if (system && !system.writable) issue('field_not_writable', `${code} cannot be filled by an update rule`);
}

/** Settings that refer to pipelines, stages or fields the CRM no longer has. */
export function crmWarnings(choices: CrmChoices, pipelines: PipelineRef[], fields: FieldRefs): CrmWarning[] {
  const warnings: CrmWarning[] = [];
  pipelines.forEach((p, i) => {
    const pipeline = pipelineById(choices, p.pipeline_id);
    if (!pipeline) {
      warnings.push({ kind: 'missing_pipeline', ref: p.pipeline_id, where: `pipelines.${i}.pipeline_id` });
      return;
    }
    const stageIds = new Set(pipeline.stages.map((s) => s.id));
    p.stages.forEach((s, j) => {
      if (!stageIds.has(norm(s))) warnings.push({ kind: 'missing_stage', ref: s, where: `pipelines.${i}.stages.${j}` });
    });
    for (const key of Object.keys(p.stage_instructions)) {
      if (!stageIds.has(norm(key)) && !p.stages.includes(key)) {
        warnings.push({ kind: 'missing_stage', ref: key, where: `pipelines.${i}.stage_instructions.${key}` });
      }
    }
  });
  const deal = fieldCodes(choices, 'deal');
  const contact = fieldCodes(choices, 'contact');
  fields.crm_access.read_deal_fields.forEach((code, i) => {
    if (!deal.has(code)) warnings.push({ kind: 'missing_field', ref: code, where: `crm_access.read_deal_fields.${i}` });
  });
  fields.crm_access.read_contact_fields.forEach((code, i) => {
    if (!contact.has(code)) warnings.push({ kind: 'missing_field', ref: code, where: `crm_access.read_contact_fields.${i}` });
  });
  fields.update_rules.forEach((r, i) => {
    if (!(r.entity_type === 'deal' ? deal : contact).has(r.field_id)) {
      warnings.push({ kind: 'missing_field', ref: r.field_id, where: `update_rules.${i}.field_id` });
    }
  });
  return warnings;
}
