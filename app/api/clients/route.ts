import { workspaceRoute } from '@/lib/api/route';
import { parseJson, parseQuery } from '@/lib/api/request';
import { listClients } from '@/lib/crm/clients/list-clients';
import { createClient } from '@/lib/crm/clients/create-client';
import { createClientSchema, listClientsQuery } from '@/lib/crm/clients/schemas';

export const GET = workspaceRoute(async ({ req, caller }) => listClients(caller.actor, parseQuery(req, listClientsQuery)), { permission: 'crm.read' });

export const POST = workspaceRoute(
  async ({ req, caller }) => ({ client: await createClient(caller.actor, await parseJson(req, createClientSchema)) }),
  { permission: 'crm.write', status: 201 },
);
