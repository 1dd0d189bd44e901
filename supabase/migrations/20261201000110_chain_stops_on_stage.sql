-- Follow-up chains stop when the deal reaches a won or lost stage (issue 10 "Stops"), whichever
-- path moved it: the deal card, the board (bulk moves), the agent's CRM tools, a CRM sync. A
-- trigger sees them all; it stops the conversation's running runs (deal_won / deal_lost) and
-- cancels their pending `chain.step` due work in the same transaction. Definer rights: the member
-- who moved the deal may not write runs themselves.
create function app.stop_chain_runs_on_stage() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_kind text;
begin
  select s.kind into v_kind from public.pipeline_stages s where s.id = new.stage_id;
  if v_kind not in ('won', 'lost') then
    return null;
  end if;
  with stopped as (
    update public.chain_runs r
       set status = 'stopped', stop_reason = case v_kind when 'won' then 'deal_won' else 'deal_lost' end,
           finished_at = now(), next_due_at = null, updated_at = now()
     where r.workspace_id = new.workspace_id and r.conversation_id = new.id and r.status = 'running'
    returning r.id
  )
  update public.due_work d set state = 'cancelled', updated_at = now()
    from stopped
   where d.workspace_id = new.workspace_id and d.kind = 'chain.step' and d.state = 'pending'
     and d.subject = 'chain_run:' || stopped.id;
  return null;
end
$$;
revoke execute on function app.stop_chain_runs_on_stage() from public, anon, authenticated;

create trigger conversations_stop_chains_on_stage after update of stage_id on public.conversations
  for each row when (new.stage_id is distinct from old.stage_id and new.stage_id is not null)
  execute function app.stop_chain_runs_on_stage();
