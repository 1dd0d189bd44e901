// Tasks, notes and the events timeline of the built-in CRM (docs/crm-api.md), with examples.
import { z } from 'zod';
import { defineRoute } from '../registry';
import { createTaskSchema, listTasksQuery, updateTaskSchema } from '@/lib/crm/tasks/schemas';
import { createNoteSchema, listNotesQuery, updateNoteSchema } from '@/lib/crm/notes/schemas';
import { listEventsQuery } from '@/lib/crm/events/list-events';
import { CHANGE_SOURCES } from '@/lib/db/schema/crm';

const tag = 'CRM activity';
const id = { id: 'uuid' } as const;
const ts = z.string().meta({ format: 'date-time' });
const ref = z.object({ id: z.uuid(), name: z.string() }).nullable();
const ids = {
  task: '6f1c1a52-8c1e-4c1b-9b8f-1b2c3d4e5f60',
  note: '0b7d5c3a-2e4f-4a6b-8c9d-0e1f2a3b4c5d',
  client: '3c9e7a10-5b2d-4f8e-9a1c-2d3e4f5a6b7c',
  deal: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  user: '1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a',
  event: 'c4d5e6f7-0819-4a2b-9c3d-4e5f60718293',
};

const taskExample = {
  id: ids.task,
  text: 'Перезвонить клиенту и подтвердить время',
  due_at: '2026-12-01T09:00:00.000Z',
  responsible_user_id: ids.user,
  responsible: { id: ids.user, name: 'Алия Сейтова' },
  client_id: ids.client,
  conversation_id: ids.deal,
  client: { id: ids.client, name: 'Айгерим' },
  done: false,
  done_at: null,
  overdue: false,
  source: 'user',
  created_at: '2026-11-28T10:15:00.000Z',
};
const task = z
  .object({
    id: z.uuid(),
    text: z.string(),
    due_at: ts.nullable(),
    responsible_user_id: z.uuid().nullable(),
    responsible: ref,
    client_id: z.uuid().nullable(),
    conversation_id: z.uuid().nullable(),
    client: ref,
    done: z.boolean(),
    done_at: ts.nullable(),
    overdue: z.boolean().describe('Not done and due in the past'),
    source: z.enum(CHANGE_SOURCES),
    created_at: ts,
  })
  .meta({ example: taskExample });

const noteExample = {
  id: ids.note,
  text: 'Клиент просит оригинальный дисплей, готов подождать до пятницы',
  client_id: ids.client,
  conversation_id: ids.deal,
  author: { id: ids.user, name: 'Алия Сейтова' },
  source: 'user',
  created_at: '2026-11-28T10:20:00.000Z',
  updated_at: '2026-11-28T10:20:00.000Z',
};
const note = z
  .object({
    id: z.uuid(),
    text: z.string(),
    client_id: z.uuid().nullable(),
    conversation_id: z.uuid().nullable(),
    author: ref,
    source: z.enum(CHANGE_SOURCES),
    created_at: ts,
    updated_at: ts,
  })
  .meta({ example: noteExample });

const eventExample = {
  id: ids.event,
  type: 'stage_changed',
  dialog_id: ids.deal,
  client_id: ids.client,
  message_id: null,
  source: 'agent',
  actor: null,
  payload: { field: 'stage_id', old_value: null, new_value: null, old_stage: 'new', new_stage: 'quoted', price: 15000 },
  created_at: '2026-11-28T10:05:00.000Z',
};
const event = z
  .object({
    id: z.uuid(),
    type: z.string().describe('stage_changed, price_changed, field_updated, context_updated, task_created, task_completed, note_added, …'),
    dialog_id: z.uuid().nullable().describe('The conversation (deal)'),
    client_id: z.uuid().nullable(),
    message_id: z.uuid().nullable(),
    source: z.enum(CHANGE_SOURCES),
    actor: ref,
    payload: z.record(z.string(), z.unknown()),
    created_at: ts,
  })
  .meta({ example: eventExample });

const taskBody = createTaskSchema.meta({
  example: { text: 'Перезвонить клиенту и подтвердить время', due_at: '2026-12-01T09:00:00Z', responsible_user_id: ids.user, conversation_id: ids.deal },
});
const taskPatch = updateTaskSchema.meta({ example: { done: true } });
const noteBody = createNoteSchema.meta({ example: { text: 'Клиент просит оригинальный дисплей', client_id: ids.client } });
const notePatch = updateNoteSchema.meta({ example: { text: 'Клиент просит оригинальный дисплей, готов подождать' } });

defineRoute({
  method: 'get',
  path: '/api/tasks',
  tag,
  summary: 'Tasks: mine=true for "my tasks"; filters done, overdue, client_id, conversation_id; overdue first, then by due date (none last)',
  permission: 'crm.read',
  query: listTasksQuery,
  response: z.object({ data: z.array(task), next_cursor: z.string().nullable() }).meta({ example: { data: [taskExample], next_cursor: null } }),
});
defineRoute({
  method: 'post',
  path: '/api/tasks',
  tag,
  summary: 'Create a task on a client or a deal (a deal alone names its client; the responsible must be a member)',
  permission: 'crm.write',
  body: taskBody,
  status: 201,
  response: z.object({ task }),
});
defineRoute({ method: 'get', path: '/api/tasks/:id', tag, summary: 'One task', permission: 'crm.read', params: id, response: z.object({ task }) });
defineRoute({
  method: 'patch',
  path: '/api/tasks/:id',
  tag,
  summary: 'Change a task; done=true stamps done_at and writes task_completed',
  permission: 'crm.write',
  params: id,
  body: taskPatch,
  response: z.object({ task }),
});
defineRoute({ method: 'delete', path: '/api/tasks/:id', tag, summary: 'Delete a task', permission: 'crm.write', params: id, status: 204 });

defineRoute({
  method: 'get',
  path: '/api/notes',
  tag,
  summary: 'Notes of a client or a deal, newest first',
  permission: 'crm.read',
  query: listNotesQuery,
  response: z.object({ data: z.array(note) }).meta({ example: { data: [noteExample] } }),
});
defineRoute({ method: 'post', path: '/api/notes', tag, summary: 'Add a note (writes note_added)', permission: 'crm.write', body: noteBody, status: 201, response: z.object({ note }) });
defineRoute({ method: 'get', path: '/api/notes/:id', tag, summary: 'One note', permission: 'crm.read', params: id, response: z.object({ note }) });
defineRoute({ method: 'patch', path: '/api/notes/:id', tag, summary: "Change a note's text", permission: 'crm.write', params: id, body: notePatch, response: z.object({ note }) });
defineRoute({ method: 'delete', path: '/api/notes/:id', tag, summary: 'Delete a note', permission: 'crm.write', params: id, status: 204 });

defineRoute({
  method: 'get',
  path: '/api/events',
  tag,
  summary: 'The timeline (seed 004): dialog_id, client_id, types (comma list or repeated), since; newest first, limit ≤ 200',
  permission: 'crm.read',
  query: listEventsQuery,
  response: z.object({ data: z.array(event) }).meta({ example: { data: [eventExample] } }),
});
