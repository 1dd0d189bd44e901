// What the CRM and the conversation give a turn (issue 8, step 1), read in one short
// transaction before any model call: the customer messages to answer, the history, the stage
// (real or simulated) with its instruction, only the deal/contact fields the agent may read, and
// the client's facts.
import { and, asc, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { withActor, queryRows, type SystemActor } from '@/lib/db/actor';
import { clientFacts, messages, pipelineStages } from '@/lib/db/schema/crm';
import { crmFor } from '@/lib/crm/get-crm';
import type { CrmFieldValue } from '@/lib/crm/adapter';
import type { AgentTurnConfig, TurnConversation } from './types';

/** Messages read for the history before trimming to the token budget. */
export const HISTORY_LIMIT = 300;
export const FACTS_LIMIT = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TurnHistoryMessage {
  id: string;
  role: 'user' | 'agent' | 'operator' | 'system';
  content: string;
  createdAt: Date;
}

export interface TurnContext {
  /** The new customer messages of this turn (known, of this conversation, not answered yet). */
  newMessages: { id: string; content: string }[];
  history: TurnHistoryMessage[];
  stage: { id: string; name: string; instruction: string | null } | null;
  dealFields: CrmFieldValue[];
  contactFields: CrmFieldValue[];
  facts: string[];
}

export async function loadTurnContext(
  actor: SystemActor,
  conversation: TurnConversation,
  config: AgentTurnConfig,
  input: { newMessageIds: string[]; stageId: string | null },
): Promise<TurnContext> {
  const ws = actor.workspaceId;
  return withActor(actor, async (tx) => {
    const ids = [...new Set(input.newMessageIds)].filter((id) => UUID.test(id));
    const candidates = ids.length
      ? await tx
          .select({ id: messages.id, content: messages.content })
          .from(messages)
          .where(and(eq(messages.workspaceId, ws), eq(messages.conversationId, conversation.id), eq(messages.role, 'user'), inArray(messages.id, ids)))
          .orderBy(asc(messages.createdAt), asc(messages.id))
      : [];
    // A message an earlier turn already answered (a channel retrying) is not answered twice.
    const answered = candidates.length
      ? await queryRows<{ id: string }>(
          tx,
          sql`select distinct a.id from messages m, jsonb_array_elements_text(coalesce(m.turn -> 'answered_message_ids', '[]'::jsonb)) as a(id)
              where m.workspace_id = ${ws} and m.conversation_id = ${conversation.id} and m.role = 'agent'
                and m.status not in ('rejected', 'failed')
                and a.id in (select jsonb_array_elements_text(${JSON.stringify(candidates.map((c) => c.id))}::jsonb))`,
        )
      : [];
    const done = new Set(answered.map((r) => r.id));
    const newMessages = candidates.filter((c) => !done.has(c.id));

    const rows = await tx
      .select({ id: messages.id, role: messages.role, content: messages.content, createdAt: messages.createdAt })
      .from(messages)
      .where(
        and(
          eq(messages.workspaceId, ws),
          eq(messages.conversationId, conversation.id),
          // Drafts nobody approved and rejected replies were never said to the customer.
          notInArray(messages.status, ['draft', 'rejected', 'failed']),
        ),
      )
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(HISTORY_LIMIT);
    const history = rows.reverse().filter((m) => m.content.trim() !== '');

    let stage: TurnContext['stage'] = null;
    if (input.stageId) {
      const [row] = await tx
        .select({ id: pipelineStages.id, name: pipelineStages.name })
        .from(pipelineStages)
        .where(and(eq(pipelineStages.workspaceId, ws), eq(pipelineStages.id, input.stageId)));
      if (row) {
        const instruction = config.pipelines.map((p) => p.stageInstructions[row.id]).find((s) => typeof s === 'string' && s.trim()) ?? null;
        stage = { id: row.id, name: row.name, instruction };
      }
    }

    const crm = crmFor(actor);
    const dealFields = config.crmAccess.dealFields.length ? (await crm.readDeal(conversation.id, config.crmAccess.dealFields)).fields : [];
    const contactFields = config.crmAccess.contactFields.length
      ? (await crm.readContact(conversation.clientId, config.crmAccess.contactFields)).fields
      : [];
    const facts = await tx
      .select({ text: clientFacts.text })
      .from(clientFacts)
      .where(and(eq(clientFacts.workspaceId, ws), eq(clientFacts.clientId, conversation.clientId)))
      .orderBy(desc(clientFacts.createdAt))
      .limit(FACTS_LIMIT);

    return { newMessages, history, stage, dealFields, contactFields, facts: facts.map((f) => f.text).reverse() };
  });
}
