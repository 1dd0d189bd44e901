// Shared set-up for the clients integration tests (not a test file itself).
import { expect } from 'vitest';
import { api } from '../helpers/api';
import type { Database } from '@/lib/db/client';

export type Auth = { token: string; headers?: Record<string, string> };

export async function newClient(who: Auth, body: Record<string, unknown>) {
  const res = await api('POST', '/api/clients', { token: who.token, headers: who.headers, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.client as { id: string; name: string; version: number; [k: string]: any };
}

/** A dialog (conversation) of the client, stored directly: the conversations API is another part. */
export async function addDialog(
  db: Database,
  workspaceId: string,
  clientId: string,
  opts: { stage?: string; price?: number; status?: 'active' | 'paused' | 'closed'; lastMessageAt?: string } = {},
) {
  const [stage] = await db.query<{ id: string; pipeline_id: string }>(
    `select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id
      where s.workspace_id = $1 and p.is_default and s.code = $2`,
    [workspaceId, opts.stage ?? 'new'],
  );
  const [row] = await db.query<{ id: string }>(
    `insert into conversations (workspace_id, client_id, pipeline_id, stage_id, price, status, last_message_at, title)
     values ($1, $2, $3, $4, $5, $6, coalesce($7::timestamptz, now()), 'Dialog') returning id`,
    [workspaceId, clientId, stage.pipeline_id, stage.id, opts.price ?? null, opts.status ?? 'active', opts.lastMessageAt ?? null],
  );
  return row.id;
}

export function errorCode(res: { body: any }): string | undefined {
  return res.body?.error?.code;
}
