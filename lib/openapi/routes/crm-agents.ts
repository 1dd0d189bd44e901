// OpenAPI for what the agent editor picks from the built-in CRM, and the agent's CRM sync.
import { z } from 'zod';
import { defineRoute } from '../registry';

export const crmWarning = z
  .object({
    kind: z.enum(['missing_pipeline', 'missing_stage', 'missing_field']),
    ref: z.string().meta({ description: 'The pipeline id, stage id or field code that no longer exists' }),
    where: z.string().meta({ description: 'The setting holding it, as an API field path' }),
  })
  .meta({ example: { kind: 'missing_stage', ref: '6f1c0d4e-0b7a-4c1e-9f43-2b8f8a1d9e10', where: 'pipelines.0.stages.1' } });

const stage = z.object({ id: z.uuid(), code: z.string(), name: z.string(), color: z.string(), kind: z.enum(['open', 'won', 'lost']) });
const field = z.object({ code: z.string(), name: z.string(), field_type: z.string(), system: z.boolean(), writable: z.boolean() });
const choices = z
  .object({
    pipelines: z.array(z.object({ id: z.uuid(), name: z.string(), is_default: z.boolean(), is_active: z.boolean(), stages: z.array(stage) })),
    deal_fields: z.array(field),
    contact_fields: z.array(field),
  })
  .meta({
    example: {
      pipelines: [
        {
          id: '0b6f3a52-5a43-4d0e-8f0e-6c2f1c7d2a11',
          name: 'Основная воронка',
          is_default: true,
          is_active: true,
          stages: [{ id: '6f1c0d4e-0b7a-4c1e-9f43-2b8f8a1d9e10', code: 'new', name: 'Новый', color: '#3b82f6', kind: 'open' }],
        },
      ],
      deal_fields: [
        { code: 'price', name: 'Сумма', field_type: 'money', system: true, writable: true },
        { code: 'budget', name: 'Бюджет', field_type: 'money', system: false, writable: true },
      ],
      contact_fields: [{ code: 'phone', name: 'Телефон', field_type: 'phone', system: true, writable: true }],
    },
  });

const pipeline = z.object({
  id: z.uuid(),
  pipeline_id: z.string(),
  pipeline_name: z.string(),
  is_active: z.boolean(),
  all_stages: z.boolean(),
  stages: z.array(z.string()),
  stage_instructions: z.record(z.string(), z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});
const sync = z
  .object({
    pipelines: z.array(pipeline),
    changes: z.object({
      renamed: z.array(z.object({ pipeline_id: z.string(), old_name: z.string(), new_name: z.string() })),
      removed_stages: z.array(z.object({ pipeline_id: z.string(), stage_id: z.string(), had_instruction: z.boolean() })),
      removed_pipelines: z.array(z.object({ pipeline_id: z.string(), pipeline_name: z.string() })),
      removed_fields: z.array(z.object({ entity_type: z.enum(['deal', 'contact']), code: z.string(), where: z.string() })),
    }),
    warnings: z.array(crmWarning),
  })
  .meta({
    example: {
      pipelines: [],
      changes: {
        renamed: [{ pipeline_id: '0b6f3a52-5a43-4d0e-8f0e-6c2f1c7d2a11', old_name: 'Продажи', new_name: 'Основная воронка' }],
        removed_stages: [{ pipeline_id: '0b6f3a52-5a43-4d0e-8f0e-6c2f1c7d2a11', stage_id: '6f1c0d4e-0b7a-4c1e-9f43-2b8f8a1d9e10', had_instruction: true }],
        removed_pipelines: [],
        removed_fields: [{ entity_type: 'deal', code: 'budget', where: 'crm_access.read_deal_fields.0' }],
      },
      warnings: [{ kind: 'missing_field', ref: 'budget', where: 'crm_access.read_deal_fields.0' }],
    },
  });

defineRoute({
  method: 'get',
  path: '/api/crm/choices',
  summary: 'Pipelines with stages, deal and contact fields (system + custom) the agent editor picks from (?locale=ru|en|kk for system field names)',
  tag: 'CRM',
  permission: 'crm.read',
  query: z.object({ locale: z.enum(['ru', 'en', 'kk']).optional() }),
  response: choices,
});
defineRoute({
  method: 'post',
  path: '/api/agents/:id/sync-crm',
  summary: "Refresh the agent's pipelines from the CRM: renamed pipelines updated, removed stages dropped; removed pipelines and fields reported",
  tag: 'Agents',
  permission: 'agents.write',
  params: { id: 'uuid' },
  response: sync,
});
