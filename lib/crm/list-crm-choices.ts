// What the agent editor picks from: the workspace's pipelines with their stages, and the deal
// and contact fields (system fields of lib/crm/system-fields.ts, then custom fields), with
// system field names in the caller's language. Read straight from the CRM tables.
import { and, asc, eq } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { assertCan } from '@/lib/auth/permissions';
import { crmFields, pipelineStages, pipelines } from '@/lib/db/schema/crm';
import type { Locale } from '@/lib/i18n/config';
import { systemFieldsOf } from './system-fields';

export interface ChoiceStage {
  id: string;
  code: string;
  name: string;
  color: string;
  kind: string;
}
export interface ChoicePipeline {
  id: string;
  name: string;
  is_default: boolean;
  is_active: boolean;
  stages: ChoiceStage[];
}
export interface ChoiceField {
  code: string;
  name: string;
  field_type: string;
  system: boolean;
  /** An update rule may fill it (custom fields always; system ones per lib/crm/system-fields.ts). */
  writable: boolean;
}
export interface CrmChoices {
  pipelines: ChoicePipeline[];
  deal_fields: ChoiceField[];
  contact_fields: ChoiceField[];
}

export async function loadCrmChoices(tx: Tx, workspaceId: string, locale: Locale = 'ru'): Promise<CrmChoices> {
  const pipes = await tx
    .select()
    .from(pipelines)
    .where(eq(pipelines.workspaceId, workspaceId))
    .orderBy(asc(pipelines.orderIndex), asc(pipelines.createdAt));
  const stages = await tx
    .select()
    .from(pipelineStages)
    .where(eq(pipelineStages.workspaceId, workspaceId))
    .orderBy(asc(pipelineStages.orderIndex), asc(pipelineStages.createdAt));
  const custom = await tx
    .select()
    .from(crmFields)
    .where(and(eq(crmFields.workspaceId, workspaceId)))
    .orderBy(asc(crmFields.orderIndex), asc(crmFields.createdAt));
  const fieldsOf = (entity: 'deal' | 'contact'): ChoiceField[] => [
    ...systemFieldsOf(entity).map((f) => ({ code: f.code, name: f.name[locale], field_type: f.type, system: true, writable: f.writable })),
    ...custom
      .filter((f) => f.entityType === entity)
      .map((f) => ({ code: f.code, name: f.name, field_type: f.fieldType as string, system: false, writable: true })),
  ];
  return {
    pipelines: pipes.map((p) => ({
      id: p.id,
      name: p.name,
      is_default: p.isDefault,
      is_active: p.isActive,
      stages: stages
        .filter((s) => s.pipelineId === p.id)
        .map((s) => ({ id: s.id, code: s.code, name: s.name, color: s.color, kind: s.kind })),
    })),
    deal_fields: fieldsOf('deal'),
    contact_fields: fieldsOf('contact'),
  };
}

export async function listCrmChoices(actor: WorkspaceActor, locale: Locale = 'ru'): Promise<CrmChoices> {
  assertCan(actor, 'crm.read');
  return withActor(actor, (tx) => loadCrmChoices(tx, actor.workspaceId, locale));
}
