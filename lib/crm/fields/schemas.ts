// Validation for custom CRM fields (deals and contacts).
import { z } from 'zod';
import { FIELD_TYPES } from '@/lib/db/schema/crm';
import { codeSchema } from '@/lib/crm/pipelines/schemas';

export const ENTITY_TYPES = ['deal', 'contact'] as const;
export const SELECT_TYPES = new Set(['select', 'multiselect']);

const text = (field: string, max: number) =>
  z.string({ error: `${field} must be text` }).trim().min(1, `${field} cannot be empty`).max(max, `${field} must be at most ${max} characters`);

const options = z
  .array(text('options', 255), { error: 'options must be a list of text' })
  .max(200, 'at most 200 options')
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((v, i) => {
      if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [i], message: `option ${v} appears twice`, params: { code: 'duplicate' } });
      seen.add(v);
    });
  });

const description = z
  .string({ error: 'description must be text' })
  .trim()
  .max(1000, 'description must be at most 1000 characters')
  .nullable()
  .transform((v) => v || null);

export const createFieldSchema = z
  .object({
    entity_type: z.enum(ENTITY_TYPES, { error: 'entity_type must be deal or contact' }),
    code: codeSchema('code'),
    name: text('name', 255),
    field_type: z.enum(FIELD_TYPES, { error: `field_type must be one of: ${FIELD_TYPES.join(', ')}` }),
    options: options.default([]),
    is_required: z.boolean({ error: 'is_required must be true or false' }).default(false),
    description: description.optional(),
    order_index: z.number().int().min(0).max(1_000_000).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (SELECT_TYPES.has(f.field_type) && !f.options.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'A select field needs at least one option', params: { code: 'options_required' } });
    }
  });

export const updateFieldSchema = z
  .object({
    name: text('name', 255).optional(),
    options: options.optional(),
    is_required: z.boolean({ error: 'is_required must be true or false' }).optional(),
    description: description.optional(),
    order_index: z.number().int().min(0).max(1_000_000).optional(),
    // Accepted only to say clearly that they cannot change.
    field_type: z.unknown().optional(),
    code: z.unknown().optional(),
    entity_type: z.unknown().optional(),
  })
  .strict();

export const listFieldsQuery = z.object({ entity_type: z.enum(ENTITY_TYPES, { error: 'entity_type must be deal or contact' }).optional() });
