import { workspaceRoute } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/request';
import { exportPriceList } from '@/lib/crm/price-list/export-price-list';
import { listPriceQuery } from '@/lib/crm/price-list/schemas';

export const GET = workspaceRoute(
  async ({ req, caller }) =>
    new Response(await exportPriceList(caller.actor, parseQuery(req, listPriceQuery)), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="price-list.csv"',
        'cache-control': 'no-store',
      },
    }),
  { permission: 'crm.read' },
);
