// AI providers: what is configured, and a workspace's own provider keys (issue 8).
import { z } from 'zod';
import { defineRoute } from '../registry';
import { AI_KEY_PROVIDERS } from '@/lib/db/schema/runtime';
import { CHAT_PROVIDERS } from '@/lib/ai/models';
import { setAiKeySchema } from '@/lib/ai/keys/ai-key-schemas';

const aiKey = z.object({
  provider: z.enum(AI_KEY_PROVIDERS),
  key_hint: z.string().meta({ description: 'Last four characters of the key (empty for short keys); the key itself is never returned' }),
  base_url: z.string().nullable(),
  model: z.string().nullable(),
  updated_at: z.string().meta({ format: 'date-time' }),
});

const aiStatus = z.object({
  chat: z.object({
    configured: z.boolean(),
    default_mode: z.enum(['model', 'kb_only']),
    providers: z.array(z.object({ provider: z.enum(CHAT_PROVIDERS), configured: z.boolean(), source: z.enum(['env', 'workspace']).nullable() })),
  }),
  embeddings: z.object({ configured: z.boolean(), semantic_search: z.boolean(), model: z.string().nullable() }),
  quota: z.object({ used: z.number(), limit: z.number(), exceeded: z.boolean() }),
});

defineRoute({
  method: 'get',
  path: '/api/ai/status',
  tag: 'AI',
  summary: 'Which chat providers are configured (workspace key or env), whether semantic search is on, and the AI response quota; without a provider agents answer from the knowledge base only',
  permission: 'workspace.read',
  response: aiStatus,
});
defineRoute({
  method: 'get',
  path: '/api/ai/keys',
  tag: 'AI',
  summary: 'The workspace’s own provider keys (hints only, never the keys)',
  permission: 'ai.keys',
  response: z.object({ data: z.array(aiKey) }),
});
defineRoute({
  method: 'put',
  path: '/api/ai/keys/:provider',
  tag: 'AI',
  summary:
    'Set or replace the workspace’s key for a provider (sealed at rest). api_key required except for custom; custom needs base_url and model. base_url: http(s), loopback/private addresses refused (400 base_url_not_allowed) unless AI_ALLOW_PRIVATE_BASE_URLS=1',
  permission: 'ai.keys',
  params: { provider: 'string' },
  body: setAiKeySchema,
  response: aiKey,
});
defineRoute({
  method: 'delete',
  path: '/api/ai/keys/:provider',
  tag: 'AI',
  summary: 'Remove the workspace’s key for a provider (the environment’s key applies again)',
  permission: 'ai.keys',
  params: { provider: 'string' },
  status: 204,
});
