// The API's JSON shapes for agents, taken from the functions that produce them (type-only imports).
import type { getAgent } from '@/lib/agents/get-agent';
import type { presentAgentSummary, presentKnowledge, presentObjection, presentScript } from '@/lib/agents/present-agent';
import type { Pagination } from './api-client';

export type FullAgent = Awaited<ReturnType<typeof getAgent>>;
export type AgentSummary = ReturnType<typeof presentAgentSummary>;
export type Trigger = FullAgent['triggers'][number];
export type Chain = FullAgent['chains'][number];
export type UpdateRule = FullAgent['update_rules'][number];
// The item stores type their rows as `object`, so these come from the presenters.
export type KnowledgeItem = ReturnType<typeof presentKnowledge>;
export type SalesScript = ReturnType<typeof presentScript>;
export type Objection = ReturnType<typeof presentObjection>;

export interface AgentListResponse {
  agents: (AgentSummary & { crm_warnings?: number; readiness?: import('@/lib/agents/check-readiness').Readiness })[];
  pagination: Pagination;
}

export const agentKeys = {
  all: ['agents'] as const,
  lists: () => ['agents', 'list'] as const,
  list: (params: { search: string; status: string; page: number }) => ['agents', 'list', params] as const,
  detail: (id: string) => ['agents', 'detail', id] as const,
};
