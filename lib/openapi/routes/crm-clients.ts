// CRM clients (docs/crm-api.md): list with search and keyset pages, the card, channels, facts,
// relations, merge, CSV import (suggest / preview / commit) and export.
import { z } from 'zod';
import { defineRoute } from '../registry';
import {
  channelInputSchema, createClientSchema, deleteClientQuery, exportClientsQuery, factInputSchema, importInputSchema,
  listClientsQuery, mergeInputSchema, relationInputSchema, updateClientSchema,
} from '@/lib/crm/clients/schemas';

const tag = 'CRM: clients';
const id = { id: 'uuid' } as const;
const userRef = z.object({ id: z.uuid(), name: z.string() }).nullable();
const channelType = z.enum(['telegram', 'whatsapp', 'vk', 'avito', 'web_chat', 'email', 'instagram']);
const channel = z
  .object({ id: z.uuid(), channel_type: channelType, external_id: z.string(), username: z.string().nullable() })
  .meta({ example: { id: '0b6f7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e', channel_type: 'telegram', external_id: '123456789', username: 'aigerim' } });
const listItem = z
  .object({
    id: z.uuid(), name: z.string(), phone: z.string().nullable(), email: z.string().nullable(),
    status: z.enum(['active', 'inactive']), type: z.enum(['new', 'regular', 'inactive']), responsible: userRef,
    channels: z.array(channelType), active_dialogs_count: z.number(), total_dialogs_count: z.number(),
    last_contact_at: z.string().nullable(), created_at: z.string(),
  })
  .meta({
    example: {
      id: '5d1c8a2e-9f3b-4c7d-8e1f-2a3b4c5d6e7f', name: 'Айгерим Сапарова', phone: '+77011234567', email: 'aigerim@example.kz',
      status: 'active', type: 'regular', responsible: { id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', name: 'Дана' },
      channels: ['telegram', 'whatsapp'], active_dialogs_count: 1, total_dialogs_count: 3,
      last_contact_at: '2026-11-20T09:15:00.000Z', created_at: '2026-10-01T12:00:00.000Z',
    },
  });
const fact = z.object({ id: z.uuid(), text: z.string(), source: z.string(), created_at: z.string() }).meta({
  example: { id: '1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b', text: 'Предпочитает звонки после 18:00', source: 'user', created_at: '2026-11-20T09:15:00.000Z' },
});
const relation = z
  .object({ id: z.uuid(), client_id: z.uuid(), name: z.string(), relation_type: z.string(), direction: z.enum(['outgoing', 'incoming']) })
  .meta({ example: { id: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d', client_id: '6e7f8a9b-0c1d-4e2f-8a3b-4c5d6e7f8a9b', name: 'Ержан Сапаров', relation_type: 'spouse', direction: 'outgoing' } });
const client = listItem
  .extend({
    avatar_url: z.string().nullable(), city: z.string().nullable(), language: z.string().nullable(),
    custom_fields: z.record(z.string(), z.unknown()), metadata: z.record(z.string(), z.unknown()),
    channels: z.array(channel), version: z.number(), updated_at: z.string(), facts: z.array(fact), relations: z.array(relation),
    dialogs: z.array(z.record(z.string(), z.unknown())).describe('ConversationListItem[] (docs/crm-api.md)'),
    metrics: z.object({
      total_dialogs: z.number(), completed_dialogs: z.number(), total_spent: z.number(),
      first_contact_at: z.string().nullable(), last_contact_at: z.string().nullable(),
    }),
    tasks: z.array(z.record(z.string(), z.unknown())).describe('Task[]'),
    notes: z.array(z.record(z.string(), z.unknown())).describe('Note[]'),
  })
  .meta({
    example: {
      id: '5d1c8a2e-9f3b-4c7d-8e1f-2a3b4c5d6e7f', name: 'Айгерим Сапарова', phone: '+77011234567', email: 'aigerim@example.kz',
      status: 'active', type: 'regular', responsible: null, avatar_url: null, city: 'Алматы', language: 'ru',
      custom_fields: { source: 'instagram' }, metadata: {}, version: 4, active_dialogs_count: 1, total_dialogs_count: 3,
      channels: [{ id: '0b6f7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e', channel_type: 'telegram', external_id: '123456789', username: 'aigerim' }],
      facts: [{ id: '1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b', text: 'Предпочитает звонки после 18:00', source: 'user', created_at: '2026-11-20T09:15:00.000Z' }],
      relations: [], dialogs: [], tasks: [], notes: [],
      metrics: { total_dialogs: 3, completed_dialogs: 2, total_spent: 45000, first_contact_at: '2026-03-02T10:00:00.000Z', last_contact_at: '2026-11-20T09:15:00.000Z' },
      last_contact_at: '2026-11-20T09:15:00.000Z', created_at: '2026-10-01T12:00:00.000Z', updated_at: '2026-11-20T09:15:00.000Z',
    },
  });
const failedRow = z.object({ row: z.number(), field: z.string(), code: z.string(), message: z.string() });
const importResult = z
  .union([
    z.object({ columns: z.array(z.string()), sample_rows: z.array(z.array(z.string())), rows: z.number(), suggested_mapping: z.record(z.string(), z.string()) }),
    z.object({
      rows: z.number(), create: z.number(), merge: z.number(), failed: z.array(failedRow),
      duplicates: z.array(z.object({ row: z.number(), client_id: z.uuid().nullable(), name: z.string(), matched_by: z.string(), same_as_row: z.number().optional() })),
    }),
  ])
  .meta({
    example: {
      rows: 120, create: 112, merge: 7,
      failed: [{ row: 14, field: 'phone', code: 'invalid_phone', message: '12345 is not a phone number' }],
      duplicates: [{ row: 9, client_id: '5d1c8a2e-9f3b-4c7d-8e1f-2a3b4c5d6e7f', name: 'Айгерим Сапарова', matched_by: 'phone' }],
    },
  });

defineRoute({
  method: 'get', path: '/api/clients', tag, permission: 'crm.read', query: listClientsQuery,
  summary: 'Clients, newest first, keyset pages (`next_cursor`). `search`: name word prefixes, a phone in any format, an email or a channel id',
  response: z.object({ data: z.array(listItem), next_cursor: z.string().nullable() }),
});
defineRoute({
  method: 'post', path: '/api/clients', tag, permission: 'crm.write', body: createClientSchema, status: 201,
  summary: 'Create a client; the phone is stored in E.164. Same phone → 409 client_exists, a taken channel id → 409 channel_taken (details.client_id)',
  response: z.object({ client }),
});
defineRoute({ method: 'get', path: '/api/clients/:id', tag, permission: 'crm.read', params: id, summary: 'The client card: channels, dialogs, facts, relations, tasks, notes, metrics', response: z.object({ client }) });
defineRoute({
  method: 'patch', path: '/api/clients/:id', tag, permission: 'crm.write', params: id, body: updateClientSchema,
  summary: 'Edit a client with the `version` it was read at; a stale one → 409 stale_version with details.current. `channels` replaces the set',
  response: z.object({ client }),
});
defineRoute({
  method: 'delete', path: '/api/clients/:id', tag, permission: 'crm.admin', params: id, query: deleteClientQuery, status: 204,
  summary: 'Delete a client; with dialogs → 409 client_has_dialogs {dialogs} unless `dialogs=delete`',
});
defineRoute({
  method: 'post', path: '/api/clients/:id/merge', tag, permission: 'crm.admin', params: id, body: mergeInputSchema,
  summary: 'Merge `merge_client_id` into this client: channels, dialogs, facts, notes, tasks, relations and events move, empty fields are filled; one audit entry',
  response: z.object({ client }),
});
defineRoute({ method: 'post', path: '/api/clients/:id/channels', tag, permission: 'crm.write', params: id, body: channelInputSchema, status: 201, summary: 'Add a channel id (409 channel_taken naming the owner)', response: z.object({ channel }) });
defineRoute({ method: 'delete', path: '/api/clients/:id/channels/:channelId', tag, permission: 'crm.write', params: { id: 'uuid', channelId: 'uuid' }, status: 204, summary: 'Remove a channel id' });
defineRoute({ method: 'post', path: '/api/clients/:id/facts', tag, permission: 'crm.write', params: id, body: factInputSchema, status: 201, summary: 'Add a fact (a `fact_added` event)', response: z.object({ fact }) });
defineRoute({ method: 'delete', path: '/api/clients/:id/facts/:factId', tag, permission: 'crm.write', params: { id: 'uuid', factId: 'uuid' }, status: 204, summary: 'Remove a fact' });
defineRoute({ method: 'post', path: '/api/clients/:id/relations', tag, permission: 'crm.write', params: id, body: relationInputSchema, status: 201, summary: 'Relate to another client of the workspace (409 relation_exists)', response: z.object({ relation }) });
defineRoute({ method: 'delete', path: '/api/clients/:id/relations/:relationId', tag, permission: 'crm.write', params: { id: 'uuid', relationId: 'uuid' }, status: 204, summary: 'Remove a relation (from either client)' });
defineRoute({
  method: 'post', path: '/api/clients/import', tag, permission: 'crm.write', body: importInputSchema,
  summary: 'CSV import (JSON or multipart `file`, `mapping`, `mode`). Without mapping: columns, sample and suggested mapping; preview: counts, failing rows, duplicates; commit: all or nothing (400 import_failed with details.failed). Max 5 MB (413) / 20,000 rows',
  response: importResult,
});
defineRoute({ method: 'get', path: '/api/clients/export', tag, permission: 'crm.read', query: exportClientsQuery, summary: 'CSV (UTF-8 with BOM) of the clients the filters select; formula-like cells are prefixed with \'', response: z.string().meta({ example: '\uFEFFName,Phone,Email\r\nАйгерим,\'+77011234567,aigerim@example.kz\r\n' }) });
