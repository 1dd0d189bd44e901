// The chat provider interface (issue 8): one `openai` SDK client per provider (OpenAI,
// OpenRouter, Gemini's OpenAI-compatible endpoint, any compatible base URL), chosen by the model
// registry (lib/ai/models.ts). Implemented in lib/ai/provider/chat-complete.ts.
// No call runs inside a database transaction (assertNoTransaction).

export type ChatRole = 'system' | 'user' | 'assistant' | 'tool';

export interface ChatToolCall {
  id: string;
  name: string;
  /** Parsed JSON object; when the provider sent malformed JSON: null (see rawArguments). */
  arguments: Record<string, unknown> | null;
  rawArguments: string;
}

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: ChatToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface ChatToolDef {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

/** What a call is for: sent as the `X-Agent-Purpose` header (providers ignore it; the fake model
 *  in tests answers by it) and logged. */
export type ChatPurpose = 'reply' | 'rewrite_query' | 'judge_triggers' | 'extract_context' | 'follow_up' | 'check' | 'suggest' | 'chain_followup' | 'chain_exclude';

export interface ChatRequest {
  /** The agent's model id from the registry (agents.model). */
  modelId: string;
  purpose: ChatPurpose;
  /** For a workspace's own key (workspace_ai_keys); env keys otherwise. */
  workspaceId?: string;
  messages: ChatMessage[];
  tools?: ChatToolDef[];
  toolChoice?: 'auto' | 'none' | 'required' | { name: string };
  temperature?: number;
  maxTokens?: number;
  /** JSON mode (response_format json_object) for small structured calls (judges, rewrites). */
  json?: boolean;
  /** Streams content deltas as they arrive; tool calls are accumulated by index. */
  onDelta?: (text: string) => void;
  signal?: AbortSignal;
  /** Per attempt; default 60 s (chat) — small judge calls pass less. */
  timeoutMs?: number;
  /** Attempts after the first on 429 (not insufficient_quota) / 5xx / timeouts; default 2. */
  maxRetries?: number;
}

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

export interface ChatResult {
  content: string;
  /** Non-empty = a tool turn, whatever finish_reason says (Gemini's stream says `stop`). */
  toolCalls: ChatToolCall[];
  finishReason: string | null;
  usage: ChatUsage;
  /** Registry id and provider that answered; provider model name as sent. */
  modelId: string;
  provider: string;
  providerModel: string;
  /** Estimated from the registry's prices per million tokens. */
  costUsd: number;
  durationMs: number;
}

export type ProviderErrorCode =
  | 'provider_not_configured'
  | 'model_unknown'
  | 'provider_auth_failed'
  | 'provider_rate_limited'
  | 'provider_quota_exhausted'
  | 'provider_unavailable'
  | 'provider_timeout'
  | 'provider_bad_response';

export class ProviderError extends Error {
  constructor(
    readonly code: ProviderErrorCode,
    message: string,
    readonly details: { provider?: string; status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}
