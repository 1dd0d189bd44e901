// Shared set-up for the conversation tests (not a test file itself): clients and pipelines are
// written straight into the tables (their own endpoints have their own tests).
import { expect } from 'vitest';
import { api } from '../helpers/api';
import type { Database } from '@/lib/db/client';
import type { TestUser } from './agents-fixtures';

export async function newClient(db: Database, workspaceId: string, name: string, phone: string | null = null): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into clients (workspace_id, name, phone, search_text) values ($1, $2, $3, $4) returning id`,
    [workspaceId, name, phone, `${name.toLowerCase()} ${phone?.slice(1) ?? ''}`.trim()],
  );
  return row.id;
}

export interface StageRef {
  id: string;
  code: string;
  name: string;
}

export async function defaultPipeline(db: Database, workspaceId: string): Promise<{ id: string; stages: StageRef[] }> {
  const [p] = await db.query<{ id: string }>(`select id from pipelines where workspace_id = $1 and is_default`, [workspaceId]);
  const stages = await db.query<StageRef>(`select id, code, name from pipeline_stages where pipeline_id = $1 order by order_index`, [p.id]);
  return { id: p.id, stages };
}

/** A second pipeline with two stages. */
export async function otherPipeline(db: Database, workspaceId: string, name = 'Опт'): Promise<{ id: string; stages: StageRef[] }> {
  const [p] = await db.query<{ id: string }>(`insert into pipelines (workspace_id, name, order_index) values ($1, $2, 1) returning id`, [workspaceId, name]);
  const stages = await db.query<StageRef>(
    `insert into pipeline_stages (workspace_id, pipeline_id, code, name, order_index)
     values ($1, $2, 'lead', 'Лид', 0), ($1, $2, 'deal', 'Сделка', 1) returning id, code, name`,
    [workspaceId, p.id],
  );
  return { id: p.id, stages };
}

export async function newConversation(user: TestUser | { token: string; headers?: Record<string, string> }, body: Record<string, unknown>) {
  const res = await api('POST', '/api/conversations', { token: user.token, headers: 'headers' in user ? user.headers : undefined, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.conversation as { id: string; version: number; [k: string]: any };
}

export async function eventsOf(db: Database, conversationId: string) {
  return db.query<{ event_type: string; source: string; actor_user_id: string | null; payload: any; client_id: string | null }>(
    `select event_type, source, actor_user_id, payload, client_id from crm_events where conversation_id = $1 order by created_at, id`,
    [conversationId],
  );
}
