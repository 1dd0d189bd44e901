// Who holds a conversation, for the inbox (docs/channels-api.md `holder`): the agent, a human
// until a time (takeover), paused (by whom and why), or nobody (no active agent / closed);
// with the pending reply's due time and since when it waits for a person. Reads in the
// caller's transaction, any number of conversations in three queries.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import type { WorkspaceActor } from '@/lib/db/actor';
import { agents } from '@/lib/db/schema/agents';
import { conversations } from '@/lib/db/schema/crm';
import { queryRows } from '@/lib/db/actor';
import { userNames } from '@/lib/crm/present';
import { CHANNEL_DUE_KINDS } from '../types';

export interface Holder {
  kind: 'agent' | 'human' | 'paused' | 'nobody';
  user_id: string | null;
  user_name: string | null;
  /** When a paused agent resumes by itself (resume_at). */
  until: string | null;
  reason: string | null;
  /** The pending 'conversation.reply' due time. */
  reply_at: string | null;
  needs_human_since: string | null;
}

const iso = (v: Date | string | null | undefined) => (v == null ? null : new Date(v).toISOString());

export async function describeHolder(tx: Tx, actor: WorkspaceActor, conversationIds: string[]): Promise<Map<string, Holder>> {
  const ids = [...new Set(conversationIds)];
  const out = new Map<string, Holder>();
  if (!ids.length) return out;
  const ws = actor.workspaceId;
  const rows = await tx
    .select({
      id: conversations.id,
      status: conversations.status,
      pausedBy: conversations.pausedBy,
      pausedByUserId: conversations.pausedByUserId,
      pauseReason: conversations.pauseReason,
      resumeAt: conversations.resumeAt,
      needsHumanSince: conversations.needsHumanSince,
      agentActive: agents.isActive,
    })
    .from(conversations)
    .leftJoin(agents, and(eq(agents.id, conversations.agentId), eq(agents.workspaceId, conversations.workspaceId)))
    .where(and(eq(conversations.workspaceId, ws), inArray(conversations.id, ids)));
  const due = await queryRows<{ subject: string; due_at: Date | string }>(
    tx,
    sql`select subject, due_at from public.due_work
        where workspace_id = ${ws}::uuid and kind = ${CHANNEL_DUE_KINDS.reply} and state = 'pending'
          and subject in (select 'conversation:' || x from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) as t(x))`,
  );
  const replyAt = new Map(due.map((d) => [d.subject.slice('conversation:'.length), iso(d.due_at)]));
  // Members see their colleagues' names; a system actor does not read people.
  const names = actor.kind === 'user' ? await userNames(tx, rows.map((r) => r.pausedByUserId)) : new Map<string, string>();
  for (const r of rows) {
    const base = {
      user_id: r.pausedByUserId ?? null,
      user_name: r.pausedByUserId ? (names.get(r.pausedByUserId) ?? null) : null,
      until: null as string | null,
      reason: r.pauseReason ?? null,
      reply_at: replyAt.get(r.id) ?? null,
      needs_human_since: iso(r.needsHumanSince),
    };
    let holder: Holder;
    if (r.status === 'paused' && r.pausedBy === 'human') holder = { kind: 'human', ...base, until: iso(r.resumeAt) };
    else if (r.status === 'paused') holder = { kind: 'paused', ...base, until: iso(r.resumeAt) };
    else if (r.status === 'active' && r.agentActive) holder = { kind: 'agent', ...base, user_id: null, user_name: null, reason: null };
    else holder = { kind: 'nobody', ...base, user_id: null, user_name: null };
    out.set(r.id, holder);
  }
  return out;
}
