import { workspaceRoute } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/request';
import { exportClients } from '@/lib/crm/clients/export-clients';
import { exportClientsQuery } from '@/lib/crm/clients/schemas';

export const GET = workspaceRoute(
  async ({ req, caller }) => {
    const csv = await exportClients(caller.actor, parseQuery(req, exportClientsQuery));
    const day = new Date().toISOString().slice(0, 10);
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="clients-${day}.csv"`,
        'cache-control': 'no-store',
      },
    });
  },
  { permission: 'crm.read' },
);
