// Reading a workspace's channel connections (integrations.read: every member).
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { notFound } from '@/lib/api/errors';
import { CHANNEL_TYPES, type ChannelType } from '../types';
import { INTEGRATION_COLUMNS, loadIntegrationRow, presentIntegration, type Integration, type IntegrationRow } from './present-integration';

export const listIntegrationsQuery = z.object({
  pipeline_id: z.uuid().optional().describe("Only the connections bound to this pipeline (seed 002's messenger connections per funnel)"),
});

export async function listIntegrations(actor: WorkspaceActor, filter: z.infer<typeof listIntegrationsQuery> = {}): Promise<Integration[]> {
  assertCan(actor, 'integrations.read');
  return withActor(actor, async (tx) => {
    const rows = await queryRows<IntegrationRow>(
      tx,
      sql`select ${INTEGRATION_COLUMNS} from public.integrations
          where workspace_id = ${actor.workspaceId}::uuid and integration_type in (${sql.join(CHANNEL_TYPES.map((t) => sql`${t}`), sql`, `)})
            ${filter.pipeline_id ? sql`and pipeline_id = ${filter.pipeline_id}::uuid` : sql``}
          order by created_at, id`,
    );
    return rows.map(presentIntegration);
  });
}

export async function getIntegration(actor: WorkspaceActor, type: ChannelType): Promise<Integration> {
  assertCan(actor, 'integrations.read');
  return withActor(actor, async (tx) => {
    const row = await loadIntegrationRow(tx, actor.workspaceId, type);
    if (!row) throw notFound('Integration');
    return presentIntegration(row);
  });
}
