// Starting follow-up chains on a conversation (issue 10; docs/chains-api.md "When a run starts"):
// after an agent turn and when the conversation enters a stage. For each active chain of the
// conversation's agent: its stage condition, no run of it already going on this conversation,
// its run_limit (runs_count kept exact: the increment itself checks the limit), then a run with
// the chain as it is now (snapshot + version) and due work `chain.step` at step 1's time — the
// conversation's last message plus the delay, moved into the chain's schedule. One transaction,
// as the `chains` system actor; no network call.
//
// `condition_exclude` is judged by the model before that transaction (judge-exclusions.ts; a first
// short read finds the chains that could start and have one): excluded → not started and a
// `chain_not_started` CRM event with the reason; in knowledge-base-only mode (or when the judge
// fails) → not started, reason `exclude_not_judged`. The judge's tokens count in the day's usage.
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, systemActor, withActor } from '@/lib/db/actor';
import { conversations } from '@/lib/db/schema/crm';
import { workspaces } from '@/lib/db/schema/core';
import { loadChains } from '@/lib/agents/manage-chains';
import { scheduleDueWork } from '@/lib/jobs/due-work/schedule-due-work';
import { agents } from '@/lib/db/schema/agents';
import { recordEvent } from '@/lib/crm/record-event';
import { judgeExclusions, type ExclusionVerdict } from './judge-exclusions';
import { stepDueAt, type DelayUnit } from './schedule/step-due-at';
import { CHAINS_ACTOR, CHAIN_STEP_KIND } from './types';

export { CHAINS_ACTOR, CHAIN_STEP_KIND };

export type StartSkipReason =
  | 'stage_not_matched'
  | 'already_running'
  | 'run_limit_reached'
  | 'exclude_not_judged'
  | 'excluded'
  | 'no_steps'
  | 'schedule_never_opens';

export interface StartChainsResult {
  started: { chainId: string; runId: string; dueAt: string }[];
  skipped: { chainId: string; reason: StartSkipReason }[];
}

export async function startChains(workspaceId: string, conversationId: string): Promise<StartChainsResult> {
  const actor = systemActor(CHAINS_ACTOR, workspaceId);
  const out: StartChainsResult = { started: [], skipped: [] };
  // 1. Which chains that could start have an exclusion to judge (read only, short).
  const pre = await withActor(actor, async (tx) => {
    const [conv] = await tx
      .select({ agentId: conversations.agentId, stageId: conversations.stageId, status: conversations.status })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
    if (!conv?.agentId || conv.status === 'closed') return null;
    const [agent] = await tx.select({ model: agents.model, kbOnly: agents.kbOnly }).from(agents).where(eq(agents.id, conv.agentId));
    const chains = (await loadChains(tx, workspaceId, conv.agentId)).filter(
      (c) => c.is_active && c.condition_exclude?.trim() && !(c.condition_type === 'specific' && !(conv.stageId && c.condition_stages.includes(conv.stageId))),
    );
    const toJudge: { id: string; exclude: string }[] = [];
    for (const c of chains) {
      const [blocked] = await queryRows<{ x: number }>(
        tx,
        sql`select 1 as x from public.chains ch where ch.id = ${c.id}::uuid and (
              (ch.run_limit > 0 and ch.runs_count >= ch.run_limit)
              or exists (select 1 from public.chain_runs r where r.chain_id = ch.id and r.conversation_id = ${conversationId}::uuid and r.status = 'running'))`,
      );
      if (!blocked) toJudge.push({ id: c.id, exclude: c.condition_exclude!.trim() });
    }
    return agent ? { agent, toJudge } : null;
  });
  if (!pre) return out;
  // 2. The model judges them, outside any transaction.
  const judged = await judgeExclusions(workspaceId, conversationId, pre.agent, pre.toJudge);
  const verdicts = new Map<string, ExclusionVerdict>(judged.verdicts.map((v) => [v.chainId, v]));
  // 3. Start, in one transaction.
  return withActor(actor, async (tx) => {
    if (judged.tokens > 0) {
      await tx.execute(sql`
        insert into usage_statistics (workspace_id, date, tokens_used)
        values (${workspaceId}::uuid, (now() at time zone 'utc')::date, ${judged.tokens})
        on conflict (workspace_id, date) do update set tokens_used = usage_statistics.tokens_used + excluded.tokens_used`);
    }
    const [conv] = await tx
      .select({ agentId: conversations.agentId, stageId: conversations.stageId, status: conversations.status, clientId: conversations.clientId, lastMessageAt: conversations.lastMessageAt })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)));
    if (!conv?.agentId || conv.status === 'closed') return out;
    const [ws] = await tx.select({ timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, workspaceId));
    const timeZone = ws?.timeZone ?? 'Asia/Almaty';
    const chains = (await loadChains(tx, workspaceId, conv.agentId)).filter((c) => c.is_active);
    for (const chain of chains) {
      const skip = (reason: StartSkipReason) => out.skipped.push({ chainId: chain.id, reason });
      if (chain.condition_type === 'specific' && !(conv.stageId && chain.condition_stages.includes(conv.stageId))) {
        skip('stage_not_matched');
        continue;
      }
      const first = chain.steps[0];
      if (!first) {
        skip('no_steps');
        continue;
      }
      const due = stepDueAt(conv.lastMessageAt, { delay_value: first.delay_value, delay_unit: first.delay_unit as DelayUnit }, chain.schedule, timeZone);
      if (!due.dueAt) {
        skip('schedule_never_opens');
        continue;
      }
      const snapshot = { name: chain.name, steps: chain.steps, schedule: chain.schedule, time_zone: timeZone };
      const [going] = await queryRows<{ id: string }>(
        tx,
        sql`select id from public.chain_runs where chain_id = ${chain.id}::uuid and conversation_id = ${conversationId}::uuid and status = 'running'`,
      );
      if (going) {
        skip('already_running');
        continue;
      }
      if (chain.condition_exclude?.trim()) {
        const v = verdicts.get(chain.id);
        if (!v) {
          // Not judged in the first read (at its run limit then, or the exclusion was added since):
          // not started now; the next start judges it.
          skip(chain.run_limit > 0 && chain.runs_count >= chain.run_limit ? 'run_limit_reached' : 'exclude_not_judged');
          continue;
        }
        if (v.exclude) {
          const reason = v.notJudged ? 'exclude_not_judged' : 'excluded';
          await recordEvent(tx, actor, {
            type: 'chain_not_started',
            conversationId,
            clientId: conv.clientId,
            payload: { chain_id: chain.id, chain_name: chain.name, reason, ...(v.notJudged ? {} : { detail: v.reason }) },
          });
          skip(reason);
          continue;
        }
      }
      // The count refuses past run_limit by itself (exact under concurrency).
      const counted = await queryRows<{ version: number }>(
        tx,
        sql`update public.chains set runs_count = runs_count + 1
            where id = ${chain.id}::uuid and (run_limit = 0 or runs_count < run_limit) returning version`,
      );
      if (!counted.length) {
        skip('run_limit_reached');
        continue;
      }
      const [run] = await queryRows<{ id: string }>(
        tx,
        sql`insert into public.chain_runs (workspace_id, chain_id, agent_id, conversation_id, client_id, chain_version, snapshot, next_due_at)
            values (${workspaceId}::uuid, ${chain.id}::uuid, ${conv.agentId}::uuid, ${conversationId}::uuid, ${conv.clientId}::uuid,
                    ${counted[0].version}, ${JSON.stringify(snapshot)}::jsonb, ${due.dueAt.toISOString()}::timestamptz)
            on conflict (chain_id, conversation_id) where status = 'running' do nothing
            returning id`,
      );
      if (!run) {
        // Another start won the race: give the count back.
        await tx.execute(sql`update public.chains set runs_count = runs_count - 1 where id = ${chain.id}::uuid`);
        skip('already_running');
        continue;
      }
      await scheduleDueWork(tx, { workspaceId, kind: CHAIN_STEP_KIND, subject: `chain_run:${run.id}`, dueAt: due.dueAt, payload: { run_id: run.id } });
      out.started.push({ chainId: chain.id, runId: run.id, dueAt: due.dueAt.toISOString() });
    }
    return out;
  });
}
