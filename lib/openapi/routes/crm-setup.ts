// OpenAPI for the CRM set-up endpoints: pipelines and stages, custom fields, verticals and the
// price list (docs/crm-api.md), from the same zod schemas the routes validate with.
import { z } from 'zod';
import { defineRoute, type RouteDoc } from '../registry';
import { FIELD_TYPES, STAGE_KINDS } from '@/lib/db/schema/crm';
import * as ps from '@/lib/crm/pipelines/schemas';
import * as fs from '@/lib/crm/fields/schemas';
import * as pl from '@/lib/crm/price-list/schemas';

const ts = z.string().meta({ format: 'date-time' });
const ID = '3f0c2a52-8d1e-4b8a-9a53-0c6f1f0f9a11';
const STAGE_ID = '6b1d0a7e-2c4f-4e0b-8d3a-5f2e9c1b7a20';

const stage = z.object({
  id: z.uuid(),
  pipeline_id: z.uuid(),
  code: z.string(),
  name: z.string(),
  color: z.string(),
  kind: z.enum(STAGE_KINDS),
  order_index: z.number(),
});
const stageExample = { id: STAGE_ID, pipeline_id: ID, code: 'new', name: 'Новый', color: '#64748b', kind: 'open', order_index: 0 };
const pipeline = z
  .object({
    id: z.uuid(),
    name: z.string(),
    is_default: z.boolean(),
    is_active: z.boolean(),
    vertical_code: z.string().nullable(),
    order_index: z.number(),
    stages: z.array(stage),
    deals_count: z.number(),
    agents: z.array(z.object({ id: z.uuid(), name: z.string() })),
    created_at: ts,
    updated_at: ts,
  })
  .meta({
    example: {
      id: ID,
      name: 'Основная воронка',
      is_default: true,
      is_active: true,
      vertical_code: 'phone_repair',
      order_index: 0,
      stages: [stageExample, { ...stageExample, id: '9a7c1e4b-0d2f-4a6e-b8c3-1e5d7f9a2b40', code: 'delivered', name: 'Выдано', color: '#22c55e', kind: 'won', order_index: 7 }],
      deals_count: 12,
      agents: [{ id: '0e7b8c3d-5a1f-4d2e-9b6c-7a8e9f0d1c20', name: 'Алия — ремонт' }],
      created_at: '2026-11-28T09:00:00.000Z',
      updated_at: '2026-11-28T09:00:00.000Z',
    },
  });
const field = z
  .object({
    id: z.uuid(),
    entity_type: z.enum(fs.ENTITY_TYPES),
    code: z.string(),
    name: z.string(),
    field_type: z.enum(FIELD_TYPES),
    options: z.array(z.string()),
    is_required: z.boolean(),
    description: z.string().nullable(),
    order_index: z.number(),
  })
  .meta({
    example: { id: ID, entity_type: 'deal', code: 'warranty', name: 'Гарантия', field_type: 'select', options: ['нет', '3 мес', '6 мес'], is_required: false, description: null, order_index: 0 },
  });
const systemField = z.object({ code: z.string(), name: z.object({ ru: z.string(), en: z.string(), kk: z.string() }), type: z.string(), writable: z.boolean() });
const verticalStage = z.object({ code: z.string(), name: z.string(), color: z.string(), kind: z.enum(STAGE_KINDS) });
const vertical = z
  .object({ id: z.uuid().nullable(), code: z.string(), name: z.string(), intents: z.array(z.string()), stages: z.array(verticalStage), built_in: z.boolean() })
  .meta({
    example: {
      id: null,
      code: 'phone_repair',
      name: 'Ремонт телефонов',
      intents: ['repair', 'buy', 'sell', 'consult'],
      stages: [{ code: 'new', name: 'Новый', color: '#64748b', kind: 'open' }],
      built_in: true,
    },
  });
const priceItem = z
  .object({
    id: z.uuid(),
    vertical_code: z.string().nullable(),
    category: z.string(),
    device_pattern: z.string(),
    service_name: z.string(),
    price_from: z.number(),
    price_to: z.number().nullable(),
    currency: z.string().nullable(),
    duration_minutes: z.number().nullable(),
    is_active: z.boolean(),
    order_index: z.number(),
  })
  .meta({
    example: {
      id: ID,
      vertical_code: 'phone_repair',
      category: 'Замена экрана',
      device_pattern: 'iPhone 14 Pro*',
      service_name: 'Замена дисплея (оригинал)',
      price_from: 85000,
      price_to: 95000,
      currency: 'KZT',
      duration_minutes: 60,
      is_active: true,
      order_index: 0,
    },
  });
const failure = z.object({ row: z.number(), field: z.string(), code: z.string(), message: z.string() });
const importResult = z.union([
  z.object({ columns: z.array(z.string()), sample_rows: z.array(z.array(z.string())), suggested_mapping: z.record(z.string(), z.string()) }),
  z.object({ rows: z.number(), create: z.number(), update: z.number(), failed: z.array(failure) }),
]).meta({ example: { rows: 3, create: 2, update: 1, failed: [] } });

type Doc = Omit<RouteDoc, 'tag' | 'params'> & { params?: Record<string, 'uuid' | 'string'> };
const route = (tag: string) => (doc: Doc) => defineRoute({ ...doc, tag });
const P = route('CRM pipelines');
const F = route('CRM fields');
const V = route('CRM verticals');
const L = route('CRM price list');
const id = { id: 'uuid' as const };

// ---- pipelines ----
P({ method: 'get', path: '/api/pipelines', summary: 'Pipelines with ordered stages, deal counts and the agents using each', permission: 'crm.read', response: z.object({ pipelines: z.array(pipeline) }) });
P({
  method: 'post',
  path: '/api/pipelines',
  summary: 'Create a pipeline: stages inline, from a vertical template (vertical_code), or the default set (new, in_progress, won, lost)',
  permission: 'crm.write',
  body: ps.createPipelineSchema.meta({
    example: { name: 'Продажа б/у', stages: [{ code: 'new', name: 'Новый', color: '#64748b', kind: 'open' }, { name: 'Продано', color: '#22c55e', kind: 'won' }] },
  }),
  status: 201,
  response: z.object({ pipeline }),
});
P({ method: 'get', path: '/api/pipelines/:id', summary: 'One pipeline', permission: 'crm.read', params: id, response: z.object({ pipeline }) });
P({
  method: 'patch',
  path: '/api/pipelines/:id',
  summary: 'Rename, switch on/off, or make it the default (the old default stops being one)',
  permission: 'crm.write',
  params: id,
  body: ps.updatePipelineSchema.meta({ example: { name: 'Ремонт', is_default: true } }),
  response: z.object({ pipeline }),
});
P({
  method: 'delete',
  path: '/api/pipelines/:id',
  summary: 'Delete a pipeline. 409 pipeline_is_default; 409 pipeline_in_use {agents:[{id,name}]}; 409 pipeline_has_deals {deals} unless ?move_to=<stage of another pipeline>',
  permission: 'crm.admin',
  params: id,
  query: ps.deletePipelineQuery,
  status: 204,
});
P({
  method: 'put',
  path: '/api/pipelines/:id/stages',
  summary:
    'Replace the ordered stage list: stages with id are kept, without id added, missing ones removed (crm.admin). Removed stages holding deals: 409 stage_has_deals {stages:[{id,code,name,deals}]} unless move_to maps each to a kept stage',
  permission: 'crm.write',
  params: id,
  body: ps.replaceStagesSchema.meta({
    example: {
      stages: [
        { id: STAGE_ID, code: 'new', name: 'Новый', color: '#64748b', kind: 'open' },
        { name: 'Диагностика', color: '#0ea5e9', kind: 'open' },
        { id: '9a7c1e4b-0d2f-4a6e-b8c3-1e5d7f9a2b40', code: 'delivered', name: 'Выдано', color: '#22c55e', kind: 'won' },
      ],
      move_to: { '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f': STAGE_ID },
    },
  }),
  response: z.object({ pipeline }),
});

// ---- custom fields ----
F({
  method: 'get',
  path: '/api/crm/fields',
  summary: 'Custom fields (optionally of one entity) and the system fields every deal and contact has',
  permission: 'crm.read',
  query: fs.listFieldsQuery,
  response: z.object({ fields: z.array(field), system_fields: z.object({ deal: z.array(systemField), contact: z.array(systemField) }) }),
});
F({
  method: 'post',
  path: '/api/crm/fields',
  summary: 'Create a custom field (400 on a system field code; 409 field_code_taken; options required for select/multiselect)',
  permission: 'crm.write',
  body: fs.createFieldSchema.meta({ example: { entity_type: 'deal', code: 'warranty', name: 'Гарантия', field_type: 'select', options: ['нет', '3 мес', '6 мес'] } }),
  status: 201,
  response: z.object({ field }),
});
F({ method: 'get', path: '/api/crm/fields/:id', summary: 'One custom field', permission: 'crm.read', params: id, response: z.object({ field }) });
F({
  method: 'patch',
  path: '/api/crm/fields/:id',
  summary: 'Change name, options, required flag, description or order (the type, code and entity cannot change: 400)',
  permission: 'crm.write',
  params: id,
  body: fs.updateFieldSchema.meta({ example: { name: 'Гарантия, мес', options: ['нет', '3 мес', '6 мес', '12 мес'] } }),
  response: z.object({ field }),
});
F({ method: 'delete', path: '/api/crm/fields/:id', summary: 'Delete a field and its values on every contact or deal', permission: 'crm.admin', params: id, status: 204 });

// ---- verticals ----
const code = { code: 'string' as const };
V({ method: 'get', path: '/api/verticals', summary: 'Built-in vertical templates (built_in: true) and the workspace’s own', permission: 'crm.read', response: z.object({ data: z.array(vertical) }) });
V({
  method: 'post',
  path: '/api/verticals',
  summary: 'Add a vertical (409 vertical_code_taken, also for built-in codes)',
  permission: 'crm.write',
  body: createVerticalSchemaDoc(),
  status: 201,
  response: z.object({ vertical }),
});
V({ method: 'get', path: '/api/verticals/:code', summary: 'One vertical (built-in or own)', permission: 'crm.read', params: code, response: z.object({ vertical }) });
V({
  method: 'patch',
  path: '/api/verticals/:code',
  summary: 'Change an own vertical (built-in ones: 409 vertical_is_built_in)',
  permission: 'crm.write',
  params: code,
  body: ps.updateVerticalSchema.meta({ example: { intents: ['repair', 'buy', 'trade_in'] } }),
  response: z.object({ vertical }),
});
V({ method: 'delete', path: '/api/verticals/:code', summary: 'Delete an own vertical', permission: 'crm.admin', params: code, status: 204 });

function createVerticalSchemaDoc() {
  return ps.createVerticalSchema.meta({
    example: {
      code: 'laptop_repair',
      name: 'Ремонт ноутбуков',
      intents: ['repair', 'consult'],
      stages: [
        { code: 'new', name: 'Новый', color: '#64748b', kind: 'open' },
        { code: 'done', name: 'Выдано', color: '#22c55e', kind: 'won' },
      ],
    },
  });
}

// ---- price list ----
L({
  method: 'get',
  path: '/api/price-list',
  summary: 'Price list: search (category, service, pattern), vertical, category, active, and device (items whose pattern matches the device)',
  permission: 'crm.read',
  query: pl.listPriceQuery,
  response: z.object({ data: z.array(priceItem) }),
});
L({
  method: 'post',
  path: '/api/price-list',
  summary: 'Add an item',
  permission: 'crm.write',
  body: pl.createPriceItemSchema.meta({
    example: { category: 'Замена экрана', device_pattern: 'iPhone 14 Pro*', service_name: 'Замена дисплея (оригинал)', price_from: 85000, price_to: 95000, currency: 'KZT', duration_minutes: 60 },
  }),
  status: 201,
  response: z.object({ item: priceItem }),
});
L({ method: 'get', path: '/api/price-list/:id', summary: 'One item', permission: 'crm.read', params: id, response: z.object({ item: priceItem }) });
L({
  method: 'patch',
  path: '/api/price-list/:id',
  summary: 'Change an item',
  permission: 'crm.write',
  params: id,
  body: pl.updatePriceItemSchema.meta({ example: { price_from: 80000, is_active: true } }),
  response: z.object({ item: priceItem }),
});
L({ method: 'delete', path: '/api/price-list/:id', summary: 'Delete an item', permission: 'crm.write', params: id, status: 204 });
L({
  method: 'post',
  path: '/api/price-list/import',
  summary:
    'CSV import (JSON {csv, mapping?, mode?} or multipart file+mapping+mode). No mapping and no mode: columns, sample rows, suggested mapping. preview: counts and failed rows. commit: all or nothing (400 import_failed)',
  permission: 'crm.write',
  body: pl.importPriceSchema.meta({
    example: { csv: 'category,device_pattern,service_name,price_from,price_to,duration_minutes\nЗамена экрана,iPhone 14 Pro*,Замена дисплея,85000,95000,60', mode: 'preview' },
  }),
  response: importResult,
});
L({
  method: 'get',
  path: '/api/price-list/export',
  summary: 'The price list as CSV (UTF-8 with BOM; same columns the import reads; same filters as the list)',
  permission: 'crm.read',
  query: pl.listPriceQuery,
  response: z.string().meta({ example: '\uFEFFcategory,device_pattern,service_name,price_from,price_to,duration_minutes,vertical_code,currency' }),
});
