// A connection and its decrypted secrets as the channel path needs them, read by the
// channels system actor in one short transaction (never held across a network call).
import { and, eq } from 'drizzle-orm';
import { withActor, type SystemActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { integrations } from '@/lib/db/schema/integrations';
import { readIntegrationSecrets } from '@/lib/integrations/secrets';
import { CHANNEL_TYPES, type ChannelConnection, type ChannelSecrets, type ChannelType } from '../types';

export function toChannelConnection(row: typeof integrations.$inferSelect): ChannelConnection | null {
  if (!(CHANNEL_TYPES as readonly string[]).includes(row.integrationType)) return null;
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    type: row.integrationType as ChannelType,
    name: row.name,
    isActive: row.isActive,
    isConnected: row.isConnected,
    pipelineId: row.pipelineId,
    publicKey: row.publicKey,
    config: row.config ?? {},
  };
}

export async function readChannelConnection(
  tx: Tx,
  actor: SystemActor,
  id: string,
): Promise<{ conn: ChannelConnection; secrets: ChannelSecrets } | null> {
  const [row] = await tx
    .select()
    .from(integrations)
    .where(and(eq(integrations.workspaceId, actor.workspaceId), eq(integrations.id, id)));
  const conn = row ? toChannelConnection(row) : null;
  if (!conn) return null;
  const stored = await readIntegrationSecrets(tx, actor, id);
  const secrets: ChannelSecrets = { ...(stored?.credentials ?? {}) };
  if (stored?.accessToken) secrets.access_token ??= stored.accessToken;
  return { conn, secrets };
}

export async function loadChannelConnection(actor: SystemActor, id: string) {
  return withActor(actor, (tx) => readChannelConnection(tx, actor, id));
}
