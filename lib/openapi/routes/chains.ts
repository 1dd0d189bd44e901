// Follow-up chains at run time (issue 10; docs/chains-api.md): preview, runs, stop-all.
import { z } from 'zod';
import { defineRoute } from '../registry';
import { previewChainSchema, previewUnsavedChainSchema } from '@/lib/chains/preview-chain';
import { listRunsQuerySchema } from '@/lib/chains/list-runs';
import { CHAIN_RUN_STATUSES, CHAIN_STOP_REASONS } from '@/lib/db/schema/chains';

const tag = 'Chains';
const ts = z.string().meta({ format: 'date-time' });
const both = { id: 'uuid', chainId: 'uuid' } as const;

const previewResponse = z.object({
  time_zone: z.string(),
  start_at: ts,
  steps: z.array(z.object({ index: z.number(), due_at: ts.nullable(), moved_by_schedule: z.boolean() })),
});

export const chainRun = z.object({
  id: z.uuid(),
  chain_id: z.uuid(),
  chain_name: z.string(),
  chain_version: z.number(),
  conversation_id: z.uuid(),
  client_id: z.uuid().nullable(),
  status: z.enum(CHAIN_RUN_STATUSES),
  stop_reason: z.enum(CHAIN_STOP_REASONS).nullable(),
  current_step: z.number().describe('Index of the next step to run'),
  steps_total: z.number(),
  next_due_at: ts.nullable(),
  next_step: z
    .object({ index: z.number(), due_at: ts.nullable(), actions: z.array(z.object({ action_type: z.string(), instruction: z.string() })) })
    .nullable(),
  started_at: ts,
  finished_at: ts.nullable(),
});

defineRoute({
  method: 'post',
  path: '/api/agents/:id/chains/:chainId/preview',
  tag,
  summary: 'When each step would go out for a sample start, in the workspace time zone; unsaved steps and schedule may be sent',
  permission: 'agents.read',
  params: both,
  body: previewChainSchema,
  response: previewResponse,
});
defineRoute({
  method: 'post',
  path: '/api/agents/:id/chains/preview',
  tag,
  summary: 'The same timeline for a chain not saved yet: its steps (and schedule, null = any time) are in the body',
  permission: 'agents.read',
  params: { id: 'uuid' },
  body: previewUnsavedChainSchema,
  response: previewResponse,
});
defineRoute({
  method: 'get',
  path: '/api/agents/:id/chains/:chainId/runs',
  tag,
  summary: 'The chain’s runs, newest first, optionally by status; keyset pages (next_cursor)',
  permission: 'agents.read',
  params: both,
  query: listRunsQuerySchema,
  response: z.object({ data: z.array(chainRun), next_cursor: z.string().nullable() }),
});
defineRoute({
  method: 'post',
  path: '/api/agents/:id/chains/:chainId/runs/stop-all',
  tag,
  summary: 'Stop every running run of the chain (stop_reason stopped_by_user); their pending steps are cancelled',
  permission: 'agents.write',
  params: both,
  response: z.object({ stopped: z.number() }),
});
defineRoute({
  method: 'get',
  path: '/api/conversations/:id/chain-runs',
  tag,
  summary: 'The conversation’s follow-up chain runs, running first, with the next step and its exact due time',
  permission: 'conversations.read',
  params: { id: 'uuid' },
  response: z.object({ data: z.array(chainRun) }),
});
defineRoute({
  method: 'get',
  path: '/api/agents/:id/chains/:chainId/stats',
  tag,
  summary: 'The chain’s results: runs started, running, completed, stopped by each reason; per step the messages sent, drafts, failures and customers who answered after it',
  permission: 'agents.read',
  params: both,
  response: z.object({
    runs_started: z.number(),
    running: z.number(),
    completed: z.number(),
    stopped_by: z.record(z.string(), z.number()),
    steps: z.array(z.object({ index: z.number(), sent: z.number(), drafted: z.number(), failed: z.number(), replied_after: z.number() })),
  }),
});
defineRoute({
  method: 'post',
  path: '/api/conversations/:id/chain-runs/:runId/stop',
  tag,
  summary: 'Stop one running follow-up of the conversation (stopped_by_user, audited); 409 when it is no longer running',
  permission: 'conversations.write',
  params: { id: 'uuid', runId: 'uuid' },
  response: z.object({ run: chainRun }),
});
