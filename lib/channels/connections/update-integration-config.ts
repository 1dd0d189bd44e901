// Name, pipeline and the non-secret settings of a connection (integrations.write).
import { sql } from 'drizzle-orm';
import { afterCommit, withActor, type WorkspaceActor } from '@/lib/db/actor';
import { forgetWebhookConnection } from '@/lib/integrations/webhook-connections';
import { assertCan } from '@/lib/auth/permissions';
import { badRequest, notFound } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import type { ChannelType } from '../types';
import { assertWorkspacePipeline } from './assert-pipeline';
import { loadIntegrationRow, presentIntegration, type Integration } from './present-integration';
import { TYPE_CONFIG_KEYS, integrationConfigSchema } from './schemas';

export async function updateIntegrationConfig(actor: WorkspaceActor, type: ChannelType, raw: unknown): Promise<Integration> {
  assertCan(actor, 'integrations.write');
  const input = integrationConfigSchema.parse(raw);
  const allowed = new Set<string>(['name', 'pipeline_id', ...TYPE_CONFIG_KEYS[type]]);
  const refused = Object.keys(input).filter((k) => !allowed.has(k));
  if (refused.length) {
    throw badRequest(`Invalid value for: ${refused.join(', ')}`, {
      fields: refused.map((field) => ({ field, message: `Not a setting of a ${type} connection`, code: 'unrecognized_keys' })),
    });
  }
  return withActor(actor, async (tx) => {
    const before = await loadIntegrationRow(tx, actor.workspaceId, type);
    if (!before) throw notFound('Integration');
    if (input.pipeline_id !== undefined) await assertWorkspacePipeline(tx, actor.workspaceId, input.pipeline_id);
    const sets = [sql`updated_at = now()`];
    const oldValues: Record<string, unknown> = {};
    const newValues: Record<string, unknown> = {};
    if (input.name !== undefined && input.name !== before.name) {
      sets.push(sql`name = ${input.name}`);
      oldValues.name = before.name;
      newValues.name = input.name;
    }
    if (input.pipeline_id !== undefined && input.pipeline_id !== before.pipeline_id) {
      sets.push(sql`pipeline_id = ${input.pipeline_id}::uuid`);
      oldValues.pipeline_id = before.pipeline_id;
      newValues.pipeline_id = input.pipeline_id;
    }
    const patch = Object.fromEntries(TYPE_CONFIG_KEYS[type].filter((k) => input[k] !== undefined).map((k) => [k, input[k]]));
    const config = before.config ?? {};
    const changedKeys = Object.keys(patch).filter((k) => JSON.stringify(config[k]) !== JSON.stringify(patch[k]));
    if (changedKeys.length) {
      sets.push(sql`config = config || ${JSON.stringify(patch)}::jsonb`);
      for (const k of changedKeys) {
        oldValues[k] = config[k] ?? null;
        newValues[k] = patch[k];
      }
    }
    if (sets.length === 1) return presentIntegration(before);
    await tx.execute(sql`update public.integrations set ${sql.join(sets, sql`, `)} where id = ${before.id}::uuid`);
    await afterCommit(() => forgetWebhookConnection(before.id));
    await recordAudit(tx, actor, { action: 'update_integration', entityType: 'integration', entityId: before.id, oldValues, newValues });
    return presentIntegration((await loadIntegrationRow(tx, actor.workspaceId, type))!);
  });
}
