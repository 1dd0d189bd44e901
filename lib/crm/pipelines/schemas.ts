// Validation for pipelines, their stages and vertical templates (docs/crm-api.md).
import { z } from 'zod';
import { STAGE_KINDS } from '@/lib/db/schema/crm';
import { CODE_RE } from './stage-codes';

export const MAX_STAGES = 50;

const text = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text` })
    .trim()
    .min(1, `${field} cannot be empty`)
    .max(max, `${field} must be at most ${max} characters`);

export const codeSchema = (field: string) =>
  z
    .string({ error: `${field} must be text` })
    .trim()
    .regex(CODE_RE, `${field} must start with a Latin letter and hold only a-z, 0-9 and _ (at most 64)`);

export const colorSchema = z
  .string({ error: 'color must be text' })
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'color must be #rrggbb')
  .transform((c) => c.toLowerCase());

export const stageInputSchema = z
  .object({
    id: z.uuid('id must be a stage id').optional(),
    code: codeSchema('code').optional(),
    name: text('name', 255),
    color: colorSchema.default('#94a3b8'),
    kind: z.enum(STAGE_KINDS, { error: 'kind must be one of: open, won, lost' }).default('open'),
  })
  .strict();
export type StageInput = z.infer<typeof stageInputSchema>;

/** A list of stages: 1..50, no code or id twice. */
export function stageListSchema<T extends z.ZodType<{ code?: string; id?: string }>>(item: T) {
  return z
    .array(item, { error: 'stages must be a list' })
    .min(1, 'a pipeline needs at least one stage')
    .max(MAX_STAGES, `at most ${MAX_STAGES} stages`)
    .superRefine((list, ctx) => {
      for (const key of ['code', 'id'] as const) {
        const seen = new Set<string>();
        list.forEach((s, i) => {
          const v = s[key];
          if (!v) return;
          if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [i, key], message: `${key} ${v} appears twice`, params: { code: 'duplicate' } });
          seen.add(v);
        });
      }
    });
}

export const createPipelineSchema = z
  .object({
    name: text('name', 255),
    stages: stageListSchema(stageInputSchema.omit({ id: true })).optional(),
    vertical_code: codeSchema('vertical_code').optional(),
    is_active: z.boolean({ error: 'is_active must be true or false' }).optional(),
  })
  .strict();
export type CreatePipelineInput = z.infer<typeof createPipelineSchema>;

export const updatePipelineSchema = z
  .object({
    name: text('name', 255).optional(),
    is_active: z.boolean({ error: 'is_active must be true or false' }).optional(),
    is_default: z.boolean({ error: 'is_default must be true or false' }).optional(),
    order_index: z.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();

export const replaceStagesSchema = z
  .object({
    stages: stageListSchema(stageInputSchema),
    move_to: z.record(z.uuid('move_to keys are ids of removed stages'), z.uuid('move_to values are stage ids')).optional(),
  })
  .strict();
export type ReplaceStagesInput = z.infer<typeof replaceStagesSchema>;

export const deletePipelineQuery = z.object({ move_to: z.uuid('move_to must be a stage id').optional() });

// ---- verticals ----

export const verticalStageSchema = stageInputSchema.omit({ id: true });

const intents = z
  .array(codeSchema('intents'), { error: 'intents must be a list' })
  .max(50, 'at most 50 intents')
  .transform((l) => [...new Set(l)]);

export const createVerticalSchema = z
  .object({
    code: codeSchema('code'),
    name: text('name', 255),
    intents: intents.default([]),
    stages: stageListSchema(verticalStageSchema),
  })
  .strict();

export const updateVerticalSchema = z
  .object({
    name: text('name', 255).optional(),
    intents: intents.optional(),
    stages: stageListSchema(verticalStageSchema).optional(),
  })
  .strict();
