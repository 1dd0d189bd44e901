// Validation for price-list items (seed 004 section 6 names) and their CSV import.
import { z } from 'zod';
import { codeSchema } from '@/lib/crm/pipelines/schemas';

const text = (field: string, max: number) =>
  z.string({ error: `${field} must be text` }).trim().min(1, `${field} cannot be empty`).max(max, `${field} must be at most ${max} characters`);
const money = (field: string) =>
  z
    .number({ error: `${field} must be a number` })
    .min(0, `${field} must be 0 or more`)
    .max(999_999_999_999, `${field} is too large`)
    .transform((n) => Math.round(n * 100) / 100);

const itemFields = {
  vertical_code: codeSchema('vertical_code').nullable(),
  category: text('category', 255),
  device_pattern: text('device_pattern', 255),
  service_name: text('service_name', 255),
  price_from: money('price_from'),
  price_to: money('price_to').nullable(),
  currency: z
    .string({ error: 'currency must be text' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'currency must be a 3-letter code such as KZT or RUB')
    .nullable(),
  duration_minutes: z.number({ error: 'duration_minutes must be a number' }).int('duration_minutes must be whole minutes').min(0).max(100000).nullable(),
  is_active: z.boolean({ error: 'is_active must be true or false' }),
  order_index: z.number().int().min(0).max(1_000_000),
};

function priceRange<T extends { price_from?: number; price_to?: number | null }>(v: T, ctx: z.RefinementCtx) {
  if (v.price_from !== undefined && v.price_to != null && v.price_to < v.price_from) {
    ctx.addIssue({ code: 'custom', path: ['price_to'], message: 'price_to must be at least price_from', params: { code: 'price_range' } });
  }
}

export const createPriceItemSchema = z
  .object({
    ...itemFields,
    vertical_code: itemFields.vertical_code.default(null),
    device_pattern: itemFields.device_pattern.default('*'),
    price_to: itemFields.price_to.default(null),
    currency: itemFields.currency.default(null),
    duration_minutes: itemFields.duration_minutes.default(null),
    is_active: itemFields.is_active.default(true),
    order_index: itemFields.order_index.optional(),
  })
  .strict()
  .superRefine(priceRange);
export type CreatePriceItemInput = z.infer<typeof createPriceItemSchema>;

export const updatePriceItemSchema = z
  .object(Object.fromEntries(Object.entries(itemFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof itemFields]: z.ZodOptional<(typeof itemFields)[K]> })
  .strict();

export const listPriceQuery = z.object({
  vertical: codeSchema('vertical').optional(),
  search: z.string().trim().max(200, 'search must be at most 200 characters').optional(),
  device: z.string().trim().max(255, 'device must be at most 255 characters').optional(),
  category: z.string().trim().max(255).optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const PRICE_COLUMNS = ['category', 'device_pattern', 'service_name', 'price_from', 'price_to', 'duration_minutes', 'vertical_code'] as const;
export type PriceColumn = (typeof PRICE_COLUMNS)[number];

export const importPriceSchema = z
  .object({
    csv: z.string({ error: 'csv must be text' }).min(1, 'csv is empty').max(2_000_000, 'csv must be at most 2 MB'),
    mapping: z.record(z.string(), z.enum([...PRICE_COLUMNS, 'currency', 'skip'], { error: `mapping targets: ${PRICE_COLUMNS.join(', ')}, currency, skip` })).optional(),
    mode: z.enum(['preview', 'commit'], { error: 'mode must be preview or commit' }).optional(),
  })
  .strict();
export type ImportPriceInput = z.infer<typeof importPriceSchema>;
