import { workspaceRoute } from '@/lib/api/route';
import { parseJson, parseQuery } from '@/lib/api/request';
import { listPriceItems } from '@/lib/crm/price-list/list-price-items';
import { createPriceItem } from '@/lib/crm/price-list/manage-price-items';
import { createPriceItemSchema, listPriceQuery } from '@/lib/crm/price-list/schemas';

export const GET = workspaceRoute(async ({ req, caller }) => ({ data: await listPriceItems(caller.actor, parseQuery(req, listPriceQuery)) }), {
  permission: 'crm.read',
});

export const POST = workspaceRoute(
  async ({ req, caller }) => ({ item: await createPriceItem(caller.actor, await parseJson(req, createPriceItemSchema)) }),
  { permission: 'crm.write', status: 201 },
);
