// The agent runtime's shared shapes (issue 8). One entry point, lib/runtime/run-agent-turn.ts
// runAgentTurn(), used by the test chat now and by every channel later. A turn:
// load config → build context (history, allowed CRM fields, facts, KB passages) → triggers →
// reply (model with allow-listed tools, or knowledge-base-only) → draft or send → quota → record.
// The trace below is stored on the agent's message (messages.turn) and is what the dashboard
// shows as "why this answer".
import type { ConversationChannelType } from '@/lib/db/schema/crm';
import type { SystemActor } from '@/lib/db/actor';

export type TurnMode = 'model' | 'kb_only';
export type CrmEntityType = 'deal' | 'contact';

export interface TurnArticle {
  /** kb_articles.id as text (like the search results and messages.kb_articles_used). */
  id: string;
  title: string;
  score: number;
  /** The passage given to the model (or quoted in knowledge-base-only mode), trimmed. */
  passage?: string;
}

export interface TurnTrigger {
  id: string;
  name: string;
  /** action_type of each action run, in order. */
  actions: string[];
  /** The trigger sent a message: the turn ended with it. */
  sent_message: boolean;
}

/** applied: changed data; skipped: allowed but nothing to do (filled + overwrite off, unchanged);
 *  refused: not allowed by the agent's rules (the policy layer); failed: allowed but invalid. */
export type ToolCallStatus = 'applied' | 'skipped' | 'refused' | 'failed';

export interface TurnToolCall {
  name: string;
  arguments: unknown;
  status: ToolCallStatus;
  /** Machine-readable: field_not_allowed, stage_not_allowed, unknown_tool, filled, invalid_arguments … */
  reason?: string;
  /** Who asked for it: the model, a trigger action, an update rule or a follow-up chain's step. */
  source: 'model' | 'trigger' | 'rule' | 'chain';
}

export interface TurnFieldChange {
  /** deal/contact: a CRM field code; stage: stage id; context: a context key; fact: a client fact. */
  entity: CrmEntityType | 'stage' | 'context' | 'fact' | 'client' | 'conversation';
  code: string;
  old_value: unknown;
  new_value: unknown;
}

export interface TurnError {
  /** provider_not_configured | provider_failed | provider_timeout | provider_rate_limited | quota_exceeded … */
  code: string;
  message: string;
}

export interface TurnTrace {
  mode: TurnMode;
  model?: string;
  provider?: string;
  /** The language the reply was asked for (ru, kk, en …) and what was detected, if detection ran. */
  language: string;
  detected_language?: string | null;
  /** The queries searched (after the model rewrote the customer's messages, or the raw text). */
  queries: string[];
  semantic: boolean;
  articles: TurnArticle[];
  triggers: TurnTrigger[];
  /** Why triggers were not judged this turn (kb_only: no model; judge_failed: the judge call failed). */
  triggers_skipped?: 'kb_only' | 'judge_failed' | null;
  tools: TurnToolCall[];
  fields_changed: TurnFieldChange[];
  context_extracted?: Record<string, unknown> | null;
  /** The search found nothing relevant: the agent's no_answer_message was used. */
  no_answer: boolean;
  /** Task created by the no-answer path or a tool. */
  task_ids: string[];
  /** What the test chat simulated (or the conversation's real values). */
  stage_id?: string | null;
  channel_type?: string;
  /** The customer messages this turn answered. */
  answered_message_ids: string[];
  timings: { total_ms: number; model_ms: number; search_ms: number };
  error?: TurnError;
}

// Config of one agent as a turn sees it (loaded once per turn by lib/runtime/load-turn-config.ts).

export interface TurnTriggerConfig {
  id: string;
  name: string;
  condition: string;
  runLimit: number;
  cancelMessage: string | null;
  actions: { type: string; config: Record<string, unknown> }[];
}

export interface AgentTurnConfig {
  agent: {
    id: string;
    name: string;
    model: string;
    kbOnly: boolean;
    isActive: boolean;
    systemInstructions: string;
    checkBeforeSend: boolean;
    autoDetectLanguage: boolean;
    responseLanguage: string | null;
    creativityLevel: 'precise' | 'balanced' | 'creative';
  };
  /** Active agent_pipelines rows: stage ids are pipeline_stages.id strings. */
  pipelines: {
    pipelineId: string;
    allStages: boolean;
    /** The stages the agent works (loadTurnConfig expands allStages to every stage of the pipeline). */
    stageIds: string[];
    stageInstructions: Record<string, string>;
    /** Those stages with code and name, in the pipeline's order (filled by loadTurnConfig). */
    stages?: { id: string; code: string; name: string }[];
  }[];
  knowledge: { allCategories: boolean; categoryIds: string[]; noAnswerMessage: string | null; createTaskIfNoAnswer: boolean };
  crmAccess: { dealFields: string[]; contactFields: string[] };
  updateRules: {
    id: string;
    entityType: CrmEntityType;
    fieldCode: string;
    condition: string;
    overwrite: boolean;
    /** The CRM field's name, type and options (filled by loadTurnConfig; absent when the field no longer exists). */
    field?: { name: string; type: string; options: string[] };
  }[];
  triggers: TurnTriggerConfig[];
  companyKnowledge: { title: string; content: string }[];
  scripts: { name: string; stage: string | null; script: string }[];
  objections: { objection: string; response: string }[];
}

export interface TurnConversation {
  id: string;
  clientId: string;
  agentId: string | null;
  pipelineId: string | null;
  stageId: string | null;
  channelType: ConversationChannelType;
  status: 'active' | 'paused' | 'closed';
  pausedBy: string | null;
  context: Record<string, unknown>;
  version: number;
}

/** Everything a turn's parts share; `trace` is filled in as the turn goes. */
export interface TurnState {
  workspaceId: string;
  /** systemActor('agent-runtime', workspaceId): every CRM write of a turn has source `agent`. */
  actor: SystemActor;
  config: AgentTurnConfig;
  conversation: TurnConversation;
  trace: TurnTrace;
  now: Date;
}

export type TurnStreamEvent =
  | { type: 'delta'; text: string }
  | { type: 'status'; stage: 'searching' | 'thinking' | 'acting' | 'writing' };

export interface RunAgentTurnOptions {
  /** The test chat names the agent; channels let the conversation's agent answer. */
  agentId?: string;
  /** Test chat: an agent that is switched off may still be tried. */
  allowInactiveAgent?: boolean;
  /** Test chat simulation: answer as if the deal sat in this stage / came through this channel. */
  simulate?: { stageId?: string | null; channelType?: ConversationChannelType };
  onEvent?: (event: TurnStreamEvent) => void;
  signal?: AbortSignal;
  now?: Date;
}

export type TurnOutcome =
  /** The reply is stored and marked to send (status queued; test chat: sent). */
  | 'sent'
  /** check_before_send: stored as a draft awaiting approval; a notification was created. */
  | 'draft'
  /** Nothing was generated (see skipped/error); the customer's messages are kept. */
  | 'skipped'
  | 'failed';

export type SkipReason = 'paused' | 'closed' | 'no_agent' | 'agent_inactive' | 'quota_exceeded' | 'no_new_messages';

export interface TurnResult {
  outcome: TurnOutcome;
  /** The agent's message (presented like lib/crm/messages/present-message), when one was stored. */
  message: import('@/lib/crm/messages/present-message').Message | null;
  skipped?: SkipReason;
  error?: TurnError;
  trace: TurnTrace | null;
}
