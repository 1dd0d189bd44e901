// Connects (or reconfigures) the workspace's site chat: the allowed origins and what the
// visitor sees, and a public key `wk_…` naming the connection in the script tag. Connecting
// again keeps the key, so a snippet already pasted into the site keeps working.
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { unprocessable } from '@/lib/api/errors';
import { integrations } from '@/lib/db/schema/integrations';
import { pipelines } from '@/lib/db/schema/crm';
import { saveIntegration } from '@/lib/integrations/secrets';
import { appUrl } from '@/lib/env';
import { integrationColumns, presentWebChat, type WebChatIntegration } from './present-web-chat';
import { widgetSnippet, type ConnectWebChatInput } from './widget-config';

export function newWidgetKey(): string {
  return `wk_${crypto.randomBytes(24).toString('base64url')}`;
}

export async function connectWebChat(actor: WorkspaceActor, input: ConnectWebChatInput): Promise<WebChatIntegration> {
  assertCan(actor, 'integrations.write');
  const ws = actor.workspaceId;
  return withActor(actor, async (tx) => {
    if (input.pipeline_id) {
      const [p] = await tx
        .select({ id: pipelines.id })
        .from(pipelines)
        .where(and(eq(pipelines.id, input.pipeline_id), eq(pipelines.workspaceId, ws)));
      if (!p) {
        throw unprocessable('The pipeline does not exist', {
          fields: [{ field: 'pipeline_id', code: 'not_found', message: 'No such pipeline in this workspace' }],
        }, 'validation_error');
      }
    }
    const [before] = await tx
      .select(integrationColumns)
      .from(integrations)
      .where(and(eq(integrations.workspaceId, ws), eq(integrations.integrationType, 'web_chat')));
    const publicKey = before?.publicKey ?? newWidgetKey();
    const config = {
      allowed_origins: input.allowed_origins,
      title: input.title ?? null,
      greeting: input.greeting ?? null,
      color: input.color ?? null,
      // Kept for the generic GET /api/integrations/:type, which shows config as stored.
      snippet: widgetSnippet(appUrl(), publicKey),
    };
    const { id } = await saveIntegration(tx, { workspaceId: ws, type: 'web_chat', isActive: true, isConnected: true, config });
    const [row] = await tx
      .update(integrations)
      .set({
        name: input.name ?? before?.name ?? null,
        pipelineId: input.pipeline_id === undefined ? (before?.pipelineId ?? null) : input.pipeline_id,
        publicKey,
        updatedAt: new Date(),
      })
      .where(and(eq(integrations.id, id), eq(integrations.workspaceId, ws)))
      .returning(integrationColumns);
    await recordAudit(tx, actor, {
      action: before ? 'update_integration' : 'connect_integration',
      entityType: 'integration',
      entityId: id,
      oldValues: before ? { config: before.config, name: before.name, pipeline_id: before.pipelineId } : undefined,
      newValues: { type: 'web_chat', name: row.name, pipeline_id: row.pipelineId, allowed_origins: config.allowed_origins },
    });
    return presentWebChat(row);
  });
}
