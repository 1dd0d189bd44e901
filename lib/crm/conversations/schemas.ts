// Validation of the conversation (= dialog = deal) endpoints (docs/crm-api.md), shared by the
// routes, lib and the OpenAPI document.
import { z } from 'zod';
import { badRequest } from '@/lib/api/errors';
import { CONVERSATION_CHANNEL_TYPES, CONVERSATION_STATUSES } from '@/lib/db/schema/crm';

export const SORTS = ['last_message_at', 'created_at', 'price'] as const;

/** A 400 naming one field, in the shape zod failures produce. */
export function invalidField(field: string, message: string, code = 'invalid') {
  return badRequest(`Invalid value for: ${field}`, { fields: [{ field, message, code }] });
}

const uuid = (field: string) => z.uuid({ error: `${field} must be a uuid` });
const dateBound = (field: string) =>
  z
    .string()
    .max(40)
    .refine((v) => /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v)), { message: `${field} must be a date (YYYY-MM-DD or ISO)` });
const money = (field: string) =>
  z.coerce.number({ error: `${field} must be a number` }).min(0, `${field} must be 0 or more`).max(1e12 - 1, `${field} is too large`);
const oneOrMany = (inner: z.ZodType<string>) => z.union([inner, z.array(inner).max(20)]).transform((v) => (Array.isArray(v) ? v : [v]));
/** A query flag: `true` / `false` (`1` / `0`) → boolean. */
const flag = (field: string) =>
  z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])], { error: `${field} must be true or false` }).transform((v) => v === true || v === 'true' || v === '1');
const tagText = z.string().trim().min(1, 'a tag cannot be empty').max(50, 'a tag has at most 50 characters');

export const conversationFiltersSchema = z.object({
  status: z.enum(CONVERSATION_STATUSES, { error: `status must be one of: ${CONVERSATION_STATUSES.join(', ')}` }).optional(),
  agent_id: uuid('agent_id').optional(),
  channel_type: z.enum(CONVERSATION_CHANNEL_TYPES, { error: 'channel_type is not a known channel' }).optional(),
  date_from: dateBound('date_from').optional(),
  date_to: dateBound('date_to').optional(),
  pipeline_id: uuid('pipeline_id').optional(),
  stage_id: uuid('stage_id').optional(),
  client_id: uuid('client_id').optional(),
  responsible: z.union([uuid('responsible'), z.enum(['me', 'none'])], { error: 'responsible must be a user id, me or none' }).optional(),
  tag: oneOrMany(tagText).optional(),
  search: z.string().trim().max(200, 'search has at most 200 characters').optional(),
  // The live inbox (docs/channels-api.md): q = search (client name and message text).
  q: z.string().trim().max(200, 'q has at most 200 characters').optional(),
  unread: flag('unread').optional(),
  needs_human: flag('needs_human').optional(),
  price_min: money('price_min').optional(),
  price_max: money('price_max').optional(),
});
export type ConversationFilters = z.infer<typeof conversationFiltersSchema>;

export const listConversationsQuery = conversationFiltersSchema.extend({
  sort: z.enum(SORTS, { error: `sort must be one of: ${SORTS.join(', ')}` }).default('last_message_at'),
  order: z.enum(['desc', 'asc'], { error: 'order must be desc or asc' }).default('desc'),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int('limit must be a whole number').min(1, 'limit must be between 1 and 200').max(200, 'limit must be between 1 and 200').default(50),
});
export type ListConversationsQuery = z.input<typeof listConversationsQuery>;

export const boardQuery = conversationFiltersSchema.omit({ stage_id: true }).extend({
  per_stage: z.coerce.number().int().min(1, 'per_stage must be between 1 and 200').max(200, 'per_stage must be between 1 and 200').default(50),
});
export type BoardQuery = z.input<typeof boardQuery>;

const jsonObject = (field: string) =>
  z
    .record(z.string().min(1).max(100, `${field} keys have at most 100 characters`), z.unknown(), { error: `${field} must be an object` })
    .refine((v) => JSON.stringify(v).length <= 32_000, { message: `${field} is too large (32 kB at most)` });

const priceValue = z.number({ error: 'price must be a number' }).min(0, 'price must be 0 or more').max(1e12 - 1, 'price is too large').nullable();
const tagsValue = z.array(tagText).max(50, 'at most 50 tags').transform((v) => [...new Set(v)]);
const titleValue = z.string({ error: 'title must be text' }).trim().max(255, 'title has at most 255 characters').nullable().transform((v) => v || null);

export const createConversationSchema = z
  .object({
    client_id: uuid('client_id'),
    channel: z.enum(CONVERSATION_CHANNEL_TYPES, { error: 'channel is not a known channel' }).default('manual'),
    title: titleValue.optional(),
    pipeline_id: uuid('pipeline_id').optional(),
    stage_id: uuid('stage_id').optional(),
    price: priceValue.optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be a 3-letter code such as KZT').optional(),
    tags: tagsValue.optional(),
    responsible_user_id: uuid('responsible_user_id').nullable().optional(),
    context: jsonObject('context').optional(),
    custom_fields: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ example: { client_id: '6f1c2a4e-8b1d-4c3e-9a55-0d4c1b2a3e4f', title: 'iPhone 14 Pro — замена экрана', price: 45000, tags: ['срочно'], context: { device: 'iPhone 14 Pro', issue: 'разбит экран' } } });
export type CreateConversationInput = z.input<typeof createConversationSchema>;

export const updateConversationSchema = z
  .object({
    version: z.number({ error: 'version is required (the version you read)' }).int().min(1),
    pipeline_id: uuid('pipeline_id').optional(),
    stage_id: uuid('stage_id').optional(),
    price: priceValue.optional(),
    tags: tagsValue.optional(),
    responsible_user_id: uuid('responsible_user_id').nullable().optional(),
    title: titleValue.optional(),
    description: z.string({ error: 'description must be text' }).max(10_000, 'description has at most 10000 characters').nullable().optional(),
    status: z.enum(CONVERSATION_STATUSES, { error: `status must be one of: ${CONVERSATION_STATUSES.join(', ')}` }).optional(),
    context: jsonObject('context').optional(),
    custom_fields: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ example: { version: 3, stage_id: '1d7b1f0e-2a3c-4b5d-8e9f-0a1b2c3d4e5f', price: 52000 } });
export type UpdateConversationInput = z.input<typeof updateConversationSchema>;

/** PATCH …/context: the keys to merge (null removes one) and optionally the version read. */
export const updateContextSchema = z
  .record(z.string().min(1).max(100, 'context keys have at most 100 characters'), z.unknown(), { error: 'the body must be an object of context keys' })
  .refine((v) => JSON.stringify(v).length <= 32_000, { message: 'context is too large (32 kB at most)' })
  .refine((v) => v.version === undefined || (typeof v.version === 'number' && Number.isInteger(v.version)), {
    message: 'version must be a whole number',
    path: ['version'],
  })
  .meta({ example: { device: 'iPhone 14 Pro', price_quoted: 45000, awaiting: null, version: 4 } });

export const pauseSchema = z
  .object({
    paused_by: z.enum(['human', 'agent', 'system'], { error: 'paused_by must be human, agent or system' }).default('human'),
    reason: z.string().trim().max(500, 'reason has at most 500 characters').optional(),
  })
  .meta({ example: { paused_by: 'human', reason: 'Менеджер ведёт клиента сам' } });

export const resumeSchema = z.object({}).passthrough();

export const listMessagesQuery = z.object({
  before: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1, 'limit must be between 1 and 200').max(200, 'limit must be between 1 and 200').default(50),
  types: z.enum(['message', 'all'], { error: 'types must be message or all' }).default('message'),
});
export type ListMessagesQuery = z.input<typeof listMessagesQuery>;

export const sendMessageSchema = z
  .object({
    content: z.string({ error: 'content must be text' }).trim().min(1, 'content cannot be empty').max(10_000, 'content has at most 10000 characters'),
  })
  .meta({ example: { content: 'Здравствуйте! Экран будет готов завтра к 12:00.' } });
