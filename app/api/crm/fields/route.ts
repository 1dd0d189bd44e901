import { workspaceRoute } from '@/lib/api/route';
import { parseJson, parseQuery } from '@/lib/api/request';
import { listFields } from '@/lib/crm/fields/list-fields';
import { createField } from '@/lib/crm/fields/create-field';
import { createFieldSchema, listFieldsQuery } from '@/lib/crm/fields/schemas';

export const GET = workspaceRoute(
  async ({ req, caller }) => listFields(caller.actor, parseQuery(req, listFieldsQuery).entity_type),
  { permission: 'crm.read' },
);

export const POST = workspaceRoute(
  async ({ req, caller }) => ({ field: await createField(caller.actor, await parseJson(req, createFieldSchema)) }),
  { permission: 'crm.write', status: 201 },
);
