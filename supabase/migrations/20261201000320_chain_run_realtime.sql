-- Issue 10: a chain run that starts, moves to its next step, completes or stops is a live event
-- (`chain_run:updated`) for the conversation view's follow-up card, whatever path changed it
-- (the engine, a stop hook, the won/lost trigger, "stop all"). Ids and small fields only: the
-- browser refetches GET /api/conversations/:id/chain-runs, which checks rights again.
create function app.realtime_on_chain_run() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if app.current_workspace_id() is distinct from new.workspace_id then
    return null; -- maintenance outside an actor: nothing to stream
  end if;
  if tg_op = 'UPDATE' and new.status is not distinct from old.status and new.current_step is not distinct from old.current_step
     and new.next_due_at is not distinct from old.next_due_at then
    return null;
  end if;
  perform app.publish_realtime('chain_run:updated', new.conversation_id, null, 'conversations.read',
    jsonb_build_object('conversation_id', new.conversation_id, 'run_id', new.id, 'chain_id', new.chain_id,
      'status', new.status, 'current_step', new.current_step, 'next_due_at', new.next_due_at, 'stop_reason', new.stop_reason));
  return null;
end
$$;
revoke execute on function app.realtime_on_chain_run() from public, anon, authenticated;

create trigger chain_runs_realtime after insert or update on public.chain_runs
  for each row execute function app.realtime_on_chain_run();
