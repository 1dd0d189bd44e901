// Shared set-up for the CRM set-up suites (pipelines, fields, price list, isolation); not a test file.
import type { Database } from '@/lib/db/client';

/** A client and `n` deals in one stage, written as the database owner (the deals API is another part). */
export async function insertDeals(db: Database, workspaceId: string, pipelineId: string, stageId: string, n: number, customFields: Record<string, unknown> = {}) {
  const [client] = await db.query<{ id: string }>(`insert into clients (workspace_id, name) values ($1, 'Клиент') returning id`, [workspaceId]);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const [c] = await db.query<{ id: string }>(
      `insert into conversations (workspace_id, client_id, pipeline_id, stage_id, price, custom_fields) values ($1, $2, $3, $4, $5, $6) returning id`,
      [workspaceId, client.id, pipelineId, stageId, 1000 + i, JSON.stringify(customFields)],
    );
    ids.push(c.id);
  }
  return { clientId: client.id, dealIds: ids };
}
