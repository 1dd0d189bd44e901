// Judges chains' `condition_exclude` against the conversation with the model (issue 10; purpose
// `chain_exclude`, JSON `{exclude: boolean, reason}`), OUTSIDE any transaction: the caller reads
// in one transaction, calls this, then starts in another. Without a model (the agent answers from
// the knowledge base only, or no provider is configured) an exclusion cannot be judged: the chain
// does not start (`exclude_not_judged`). A failed call is the same (the next start retries).
import { sql } from 'drizzle-orm';
import { chatComplete } from '@/lib/ai/provider/chat-complete';
import { anyChatProviderConfigured } from '@/lib/ai/provider/provider-config';
import { queryRows, systemActor, withActor } from '@/lib/db/actor';
import { logger } from '@/lib/log/logger';
import { CHAINS_ACTOR } from './types';

export type ExclusionVerdict =
  | { chainId: string; exclude: false }
  | { chainId: string; exclude: true; reason: string; notJudged?: boolean };

const SYSTEM =
  'You decide whether a follow-up message chain must NOT start for this customer conversation. ' +
  'The business wrote an exclusion condition. Answer only JSON {"exclude": true|false, "reason": "<one short sentence>"}: ' +
  'exclude=true only when the conversation clearly matches the exclusion condition.';

export async function judgeExclusions(
  workspaceId: string,
  conversationId: string,
  agent: { model: string; kbOnly: boolean },
  chains: { id: string; exclude: string }[],
): Promise<{ verdicts: ExclusionVerdict[]; tokens: number }> {
  if (!chains.length) return { verdicts: [], tokens: 0 };
  if (agent.kbOnly || !(await anyChatProviderConfigured(workspaceId))) {
    return { verdicts: chains.map((c) => ({ chainId: c.id, exclude: true, reason: 'exclude_not_judged', notJudged: true })), tokens: 0 };
  }
  const transcript = await withActor(systemActor(CHAINS_ACTOR, workspaceId), (tx) =>
    queryRows<{ role: string; content: string }>(
      tx,
      sql`select role, content from public.messages where conversation_id = ${conversationId}::uuid and status <> 'draft'
          order by created_at desc, id desc limit 30`,
    ),
  );
  const text = transcript
    .reverse()
    .map((m) => `${m.role === 'client' || m.role === 'user' ? 'Customer' : 'Business'}: ${m.content.replace(/\s+/g, ' ').slice(0, 600)}`)
    .join('\n');
  const verdicts: ExclusionVerdict[] = [];
  let tokens = 0;
  for (const c of chains) {
    try {
      const r = await chatComplete({
        modelId: agent.model,
        purpose: 'chain_exclude',
        workspaceId,
        json: true,
        temperature: 0,
        maxTokens: 150,
        timeoutMs: 20_000,
        maxRetries: 1,
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: `Exclusion condition: ${c.exclude.slice(0, 1000)}\n\nConversation (latest last):\n<<<\n${text}\n>>>` },
        ],
      });
      tokens += r.usage.prompt_tokens + r.usage.completion_tokens;
      const parsed = JSON.parse(r.content.replace(/^```(?:json)?\s*|\s*```$/g, '')) as { exclude?: unknown; reason?: unknown };
      if (typeof parsed.exclude !== 'boolean') throw new Error('no boolean exclude in the answer');
      verdicts.push(
        parsed.exclude ? { chainId: c.id, exclude: true, reason: String(parsed.reason ?? '').slice(0, 500) || 'excluded' } : { chainId: c.id, exclude: false },
      );
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'chain exclusion judge failed');
      verdicts.push({ chainId: c.id, exclude: true, reason: 'exclude_not_judged', notJudged: true });
    }
  }
  return { verdicts, tokens };
}
