// The built-in CRM behind the CrmAdapter interface: these tables, inside the actor's
// transaction (joining the request's or the runtime's one), with the actor's permissions,
// timeline events carrying its source (user, agent ...) and audit rows.
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { validationError } from '@/lib/api/errors';
import type { z } from 'zod';
import type { CrmAdapter } from '@/lib/crm/adapter';
import { insertTask } from '@/lib/crm/tasks/create-task';
import { createTaskSchema } from '@/lib/crm/tasks/schemas';
import { insertNote } from '@/lib/crm/notes/create-note';
import { createNoteSchema } from '@/lib/crm/notes/schemas';
import { loadPipelines } from './list-pipelines';
import { loadFields } from './list-fields';
import { readRecord } from './read-record';
import { updateRecordFields } from './update-fields';
import { changeDealStage } from './change-stage';
import { channelIdentitySchema, findOrCreateClientByChannel } from './find-or-create-by-channel';

/** Adapter callers get the API's 400 envelope for bad input, not a ZodError. */
function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(r.error);
  return r.data;
}

export function builtinCrm(actor: WorkspaceActor): CrmAdapter {
  const read = async <T>(fn: Parameters<typeof withActor<T>>[1]) => {
    assertCan(actor, 'crm.read');
    return withActor(actor, fn);
  };
  const write = async <T>(fn: Parameters<typeof withActor<T>>[1]) => {
    assertCan(actor, 'crm.write');
    return withActor(actor, fn);
  };
  const ws = actor.workspaceId;
  return {
    kind: 'builtin',
    listPipelines: () => read((tx) => loadPipelines(tx, ws)),
    listFields: (entity) => read((tx) => loadFields(tx, ws, entity)),
    readDeal: (id, allowed) => read((tx) => readRecord(tx, ws, 'deal', id, allowed)),
    readContact: (id, allowed) => read((tx) => readRecord(tx, ws, 'contact', id, allowed)),
    updateFields: (entity, id, values, opts) => write((tx) => updateRecordFields(tx, actor, entity, id, values, opts)),
    changeStage: (dealId, stageId) => write((tx) => changeDealStage(tx, actor, dealId, stageId)),
    createTask: async (input) => {
      const parsed = parse(createTaskSchema, input);
      return write(async (tx) => ({ id: (await insertTask(tx, actor, parsed)).id }));
    },
    addNote: async (input) => {
      const parsed = parse(createNoteSchema, input);
      return write(async (tx) => ({ id: (await insertNote(tx, actor, parsed)).id }));
    },
    findOrCreateByChannel: async (identity) => {
      const parsed = parse(channelIdentitySchema, identity) as typeof identity;
      return write((tx) => findOrCreateClientByChannel(tx, actor, parsed));
    },
  };
}
