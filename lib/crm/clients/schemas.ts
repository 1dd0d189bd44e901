// Validation of the client endpoints (docs/crm-api.md "clients"), shared by routes, lib and
// the OpenAPI document. Phones and custom fields are checked in lib (they need the workspace).
import { z } from 'zod';
import { CLIENT_CHANNEL_TYPES } from '@/lib/db/schema/crm';
import { badRequest } from '@/lib/api/errors';

export const CLIENT_STATUSES = ['active', 'inactive'] as const;
export const CLIENT_TYPES = ['new', 'regular', 'inactive'] as const;

/** A 400 naming one field, in the shape zod failures produce. */
export function invalidField(field: string, message: string, code = 'custom') {
  return badRequest(`Invalid value for: ${field}`, { fields: [{ field, message, code }] });
}

const text = (field: string, max: number) =>
  z.string({ error: `${field} must be text` }).trim().max(max, `${field} must be at most ${max} characters`);
const optionalText = (field: string, max: number) =>
  text(field, max)
    .nullable()
    .transform((v) => v || null);
const oneOf = <const T extends readonly [string, ...string[]]>(field: string, values: T) =>
  z.enum(values, { error: `${field} must be one of: ${values.join(', ')}` });
const uuid = (field: string) => z.uuid({ error: `${field} must be an id` });

export const channelInputSchema = z.object({
  channel_type: oneOf('channel_type', CLIENT_CHANNEL_TYPES),
  external_id: text('external_id', 255).min(1, 'external_id cannot be empty'),
  username: optionalText('username', 255).optional(),
});
export type ChannelInput = z.infer<typeof channelInputSchema>;

const clientFields = {
  name: text('name', 255),
  phone: z.string({ error: 'phone must be text' }).max(40, 'phone must be at most 40 characters').nullable(),
  email: z.string({ error: 'email must be text' }).trim().max(320, 'email must be at most 320 characters').nullable(),
  status: oneOf('status', CLIENT_STATUSES),
  type: oneOf('type', CLIENT_TYPES),
  responsible_user_id: uuid('responsible_user_id').nullable(),
  city: optionalText('city', 255),
  language: optionalText('language', 10),
  avatar_url: optionalText('avatar_url', 2000),
  custom_fields: z.record(z.string(), z.unknown(), { error: 'custom_fields must be an object of field code to value' }),
  channels: z.array(channelInputSchema, { error: 'channels must be a list' }).max(50, 'channels can hold at most 50 entries'),
  telegram_id: optionalText('telegram_id', 255),
  whatsapp_id: optionalText('whatsapp_id', 255),
};

export const createClientSchema = z
  .object({
    ...clientFields,
    name: clientFields.name.min(1, 'name cannot be empty'),
  })
  .partial({ phone: true, email: true, status: true, type: true, responsible_user_id: true, city: true, language: true, avatar_url: true, custom_fields: true, channels: true, telegram_id: true, whatsapp_id: true })
  .meta({ example: { name: 'Айгерим Сапарова', phone: '8 (701) 123-45-67', email: 'aigerim@example.kz', city: 'Алматы', channels: [{ channel_type: 'telegram', external_id: '123456789', username: 'aigerim' }] } });
export type CreateClientInput = z.infer<typeof createClientSchema>;

export const updateClientSchema = z
  .object({ ...clientFields, version: z.number({ error: 'version must be a number' }).int('version must be a whole number').min(1) })
  .partial()
  .required({ version: true })
  .meta({ example: { version: 3, city: 'Астана', custom_fields: { source: 'instagram' } } });
export type UpdateClientInput = z.infer<typeof updateClientSchema>;

export const listClientsQuery = z.object({
  search: z.string().trim().max(200, 'search must be at most 200 characters').optional(),
  status: oneOf('status', CLIENT_STATUSES).optional(),
  type: oneOf('type', CLIENT_TYPES).optional(),
  responsible: z.union([z.literal('me'), z.literal('none'), z.uuid()], { error: 'responsible must be a member id, me or none' }).optional(),
  has_active_dialogs: z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')], { error: 'has_active_dialogs must be true or false' })
    .optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number({ error: 'limit must be a number' }).int().min(1, 'limit must be between 1 and 200').max(200, 'limit must be between 1 and 200').default(50),
});
export type ListClientsQuery = z.infer<typeof listClientsQuery>;
export const exportClientsQuery = listClientsQuery.omit({ cursor: true, limit: true });

export const deleteClientQuery = z.object({
  dialogs: z.enum(['delete'], { error: 'dialogs must be delete' }).optional(),
});

export const factInputSchema = z
  .object({ text: text('text', 500).min(1, 'text cannot be empty') })
  .meta({ example: { text: 'Предпочитает звонки после 18:00' } });
export const relationInputSchema = z
  .object({ client_id: uuid('client_id'), relation_type: text('relation_type', 50).min(1, 'relation_type cannot be empty') })
  .meta({ example: { client_id: '4f1c2a4e-8a5b-4d8e-9f0a-1b2c3d4e5f60', relation_type: 'spouse' } });
export const mergeInputSchema = z
  .object({ merge_client_id: uuid('merge_client_id') })
  .meta({ example: { merge_client_id: '4f1c2a4e-8a5b-4d8e-9f0a-1b2c3d4e5f60' } });

export const IMPORT_TARGETS = [
  'name', 'phone', 'email', 'city', 'status', 'type',
  'telegram', 'whatsapp', 'vk', 'avito', 'web_chat', 'instagram', 'note', 'skip',
] as const;
export const importInputSchema = z
  .object({
    csv: z.string({ error: 'csv must be text' }),
    mapping: z
      .record(z.string(), z.string().regex(/^(name|phone|email|city|status|type|telegram|whatsapp|vk|avito|web_chat|instagram|note|skip|custom:[a-z0-9_]{1,64})$/, 'unknown import target'))
      .optional(),
    mode: z.enum(['preview', 'commit'], { error: 'mode must be preview or commit' }).default('preview'),
  })
  .meta({ example: { csv: 'Имя;Телефон;Email\nАйгерим;8 701 123 45 67;aigerim@example.kz', mapping: { 'Имя': 'name', 'Телефон': 'phone', Email: 'email' }, mode: 'preview' } });
export type ImportInput = z.infer<typeof importInputSchema>;
