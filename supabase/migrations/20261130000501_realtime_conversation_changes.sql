-- Realtime (issue 9) fix: app.realtime_on_conversation appended with `changes || 'status'`,
-- which PostgreSQL reads as array || array-literal ('status' is not an array: 22P02 "malformed
-- array literal"), so EVERY update of a conversation that changed a tracked column failed.
-- Same body with array_append.
create or replace function app.realtime_on_conversation() returns trigger
language plpgsql security definer set search_path = '' as $$
declare changes text[] := '{}';
begin
  if app.current_workspace_id() is distinct from new.workspace_id then
    return null;
  end if;
  if tg_op = 'INSERT' then
    perform app.publish_realtime('conversation:new', new.id, null, 'conversations.read',
      jsonb_build_object('conversation_id', new.id, 'client_id', new.client_id, 'channel_type', new.channel_type));
    return null;
  end if;
  if new.status is distinct from old.status then changes := array_append(changes, 'status'); end if;
  if new.paused_by is distinct from old.paused_by or new.paused_by_user_id is distinct from old.paused_by_user_id
     or new.resume_at is distinct from old.resume_at then changes := array_append(changes, 'owner'); end if;
  if new.responsible_user_id is distinct from old.responsible_user_id then changes := array_append(changes, 'responsible'); end if;
  if new.stage_id is distinct from old.stage_id or new.pipeline_id is distinct from old.pipeline_id then changes := array_append(changes, 'stage'); end if;
  if new.agent_id is distinct from old.agent_id then changes := array_append(changes, 'agent'); end if;
  if new.needs_human_since is distinct from old.needs_human_since then changes := array_append(changes, 'needs_human'); end if;
  if new.unread_count is distinct from old.unread_count or new.last_message_at is distinct from old.last_message_at
     then changes := array_append(changes, 'activity'); end if;
  if new.context is distinct from old.context then changes := array_append(changes, 'context'); end if;
  if cardinality(changes) > 0 then
    perform app.publish_realtime('conversation:updated', new.id, null, 'conversations.read',
      jsonb_build_object('conversation_id', new.id, 'changes', to_jsonb(changes), 'status', new.status,
                         'old_status', old.status, 'paused_by', new.paused_by, 'resume_at', new.resume_at));
  end if;
  return null;
end
$$;
