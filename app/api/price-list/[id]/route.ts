import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { getPriceItem } from '@/lib/crm/price-list/list-price-items';
import { deletePriceItem, updatePriceItem } from '@/lib/crm/price-list/manage-price-items';
import { updatePriceItemSchema } from '@/lib/crm/price-list/schemas';

type P = { id: string };

export const GET = workspaceRoute<P>(async ({ params, caller }) => ({ item: await getPriceItem(caller.actor, uuidParam(params.id, 'Price-list item')) }), {
  permission: 'crm.read',
});

export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    item: await updatePriceItem(caller.actor, uuidParam(params.id, 'Price-list item'), await parseJson(req, updatePriceItemSchema)),
  }),
  { permission: 'crm.write' },
);

export const DELETE = workspaceRoute<P>(
  async ({ params, caller }) => {
    await deletePriceItem(caller.actor, uuidParam(params.id, 'Price-list item'));
    return null;
  },
  { permission: 'crm.write' },
);
