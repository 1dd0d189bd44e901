-- Follow-up chains start "whenever a conversation enters a stage" (issue 10 "Behaviour" 1), whichever
-- path moved it: the deal card, the board (bulk moves), the agent's CRM tools, a CRM sync (Kommo).
-- The trigger does not start anything itself (judging `condition_exclude` calls the model, which
-- must not happen inside a transaction): it schedules due work `chain.start` subject
-- `conversation:<id>` due now, in the same transaction as the stage change, so a crash loses
-- nothing. The handler (lib/chains/start-due-handler.ts) calls startChains. Test-chat
-- conversations never start chains. Definer rights: the member who moved the deal may not write
-- due work of the chains themselves.
create function app.schedule_chain_start_on_stage() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.channel_type = 'test' or new.status = 'closed' or new.agent_id is null then
    return null;
  end if;
  insert into public.due_work (workspace_id, kind, subject, due_at, payload, max_attempts)
  values (new.workspace_id, 'chain.start', 'conversation:' || new.id, now(),
          jsonb_build_object('conversation_id', new.id, 'cause', 'stage_entered', 'stage_id', new.stage_id), 5)
  on conflict (workspace_id, kind, subject) where state = 'pending'
  do update set due_at = least(public.due_work.due_at, excluded.due_at), payload = excluded.payload,
                attempts = 0, last_error = null, updated_at = now();
  return null;
end
$$;
revoke execute on function app.schedule_chain_start_on_stage() from public, anon, authenticated;

create trigger conversations_start_chains_on_stage after update of stage_id on public.conversations
  for each row when (new.stage_id is distinct from old.stage_id and new.stage_id is not null)
  execute function app.schedule_chain_start_on_stage();

create trigger conversations_start_chains_on_insert after insert on public.conversations
  for each row when (new.stage_id is not null)
  execute function app.schedule_chain_start_on_stage();
