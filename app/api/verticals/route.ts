import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { listVerticals } from '@/lib/crm/verticals/list-verticals';
import { createVertical } from '@/lib/crm/verticals/manage-verticals';
import { createVerticalSchema } from '@/lib/crm/pipelines/schemas';

export const GET = workspaceRoute(async ({ caller }) => ({ data: await listVerticals(caller.actor) }), { permission: 'crm.read' });

export const POST = workspaceRoute(
  async ({ req, caller }) => ({ vertical: await createVertical(caller.actor, await parseJson(req, createVerticalSchema)) }),
  { permission: 'crm.write', status: 201 },
);
