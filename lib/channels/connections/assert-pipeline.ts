// A connection's pipeline must be one of the workspace's pipelines.
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { badRequest } from '@/lib/api/errors';

export async function assertWorkspacePipeline(tx: Tx, workspaceId: string, pipelineId: string | null | undefined): Promise<void> {
  if (!pipelineId) return;
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`select id from public.pipelines where id = ${pipelineId}::uuid and workspace_id = ${workspaceId}::uuid`,
  );
  if (!row) {
    throw badRequest('Invalid value for: pipeline_id', {
      fields: [{ field: 'pipeline_id', message: 'No such pipeline in this workspace', code: 'not_found' }],
    });
  }
}
