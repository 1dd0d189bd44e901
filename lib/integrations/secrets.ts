// Writing and reading a connection's secrets. They are sealed by lib/crypto with the
// connection id as associated data (a value copied into another row does not open), are
// write-only for members, and only a system actor of the workspace reads them back
// (app.integration_secrets). Issue 9's channel code builds on these two functions.
import { sql } from 'drizzle-orm';
import { afterCommit, queryRows, type Actor } from '@/lib/db/actor';
import { forgetWebhookConnection } from './webhook-connections';
import type { Tx } from '@/lib/db/client';
import { decryptJson, decryptSecret, encryptJson, encryptSecret, needsReencryption, reencryptSecret } from '@/lib/crypto/secrets';

export interface IntegrationSecrets {
  accessToken: string | null;
  refreshToken: string | null;
  /** Bot token, API key, webhook secret ... (the connection type decides). */
  credentials: Record<string, string>;
}

const ctx = (id: string, column: string) => `integrations.${column}:${id}`;

export interface SaveIntegrationInput {
  workspaceId: string;
  type: string;
  isActive?: boolean;
  isConnected?: boolean;
  credentials?: Record<string, string>;
  accessToken?: string | null;
  refreshToken?: string | null;
  config?: Record<string, unknown>;
}

/** Creates or updates the workspace's connection of a type; secrets are encrypted before they leave. */
export async function saveIntegration(tx: Tx, input: SaveIntegrationInput): Promise<{ id: string }> {
  const [existing] = await queryRows<{ id: string }>(
    tx,
    sql`select id from public.integrations where workspace_id = ${input.workspaceId}::uuid and integration_type = ${input.type}`,
  );
  const id = existing?.id ?? crypto.randomUUID();
  const creds = input.credentials ? encryptJson(input.credentials, ctx(id, 'credentials')) : null;
  const access = input.accessToken ? encryptSecret(input.accessToken, ctx(id, 'access_token')) : null;
  const refresh = input.refreshToken ? encryptSecret(input.refreshToken, ctx(id, 'refresh_token')) : null;
  const config = JSON.stringify(input.config ?? {});
  if (existing) {
    // Only the secrets given are replaced (members cannot read them, so no coalesce()).
    const sets = [
      sql`is_active = ${input.isActive ?? false}`,
      sql`is_connected = ${input.isConnected ?? false}`,
      sql`config = ${config}::jsonb`,
      sql`updated_at = now()`,
    ];
    if (creds) sets.push(sql`credentials = ${creds}`);
    if (access) sets.push(sql`access_token = ${access}`);
    if (refresh) sets.push(sql`refresh_token = ${refresh}`);
    await tx.execute(sql`update public.integrations set ${sql.join(sets, sql`, `)} where id = ${id}::uuid`);
  } else {
    await tx.execute(sql`insert into public.integrations
        (id, workspace_id, integration_type, is_active, is_connected, credentials, access_token, refresh_token, config)
      values (${id}::uuid, ${input.workspaceId}::uuid, ${input.type}, ${input.isActive ?? false}, ${input.isConnected ?? false},
              ${creds}, ${access}, ${refresh}, ${config}::jsonb)`);
  }
  // A webhook held this connection's old secrets in memory: not after this commits.
  await afterCommit(() => forgetWebhookConnection(id));
  return { id };
}

/** The decrypted secrets of a connection, for the system actor of its workspace (null otherwise). */
export async function readIntegrationSecrets(tx: Tx, actor: Actor, id: string): Promise<IntegrationSecrets | null> {
  if (actor.kind !== 'system') return null;
  const [row] = await queryRows<{ access_token: string | null; refresh_token: string | null; credentials: string | null }>(
    tx,
    sql`select access_token, refresh_token, credentials from app.integration_secrets(${id}::uuid)`,
  );
  if (!row) return null;
  await reencryptStale(tx, id, row);
  return {
    accessToken: row.access_token ? decryptSecret(row.access_token, ctx(id, 'access_token')) : null,
    refreshToken: row.refresh_token ? decryptSecret(row.refresh_token, ctx(id, 'refresh_token')) : null,
    credentials: row.credentials ? decryptJson<Record<string, string>>(row.credentials, ctx(id, 'credentials')) : {},
  };
}

/**
 * After a key rotation (ENCRYPTION_KEY new, the old one in ENCRYPTION_KEYS_OLD) values
 * sealed with the old key are sealed again with the current one the first time they are
 * read, so the old key can be retired once every connection has been used.
 */
async function reencryptStale(
  tx: Tx,
  id: string,
  row: { access_token: string | null; refresh_token: string | null; credentials: string | null },
): Promise<void> {
  const sets = (['access_token', 'refresh_token', 'credentials'] as const)
    .filter((column) => row[column] && needsReencryption(row[column]!))
    .map((column) => sql`${sql.identifier(column)} = ${reencryptSecret(row[column]!, ctx(id, column))}`);
  if (sets.length) await tx.execute(sql`update public.integrations set ${sql.join(sets, sql`, `)} where id = ${id}::uuid`);
}
