-- Second wall, column by actor (issue 9 review). Column grants cannot tell a member from a system
-- actor (both run as `authenticated`), so these BEFORE UPDATE triggers do, for the columns only
-- the channel machinery may write:
-- * integrations: the health a connection shows (webhook_status, last_inbound_at,
--   last_outbound_at, last_error, last_error_at) — an admin could otherwise paint a broken
--   connection healthy. The connect flows write them as the channels system actor.
-- * conversations: last_inbound_at (opens WhatsApp's 24-hour window), off_hours_notified_at;
--   needs_human_since may only be cleared by a member (an operator's reply or hand-back);
--   paused_by_user_id may only name the member writing it (a takeover) or be cleared.
-- * ai_suggestions: decided_by may only name the member deciding.
-- Only the `authenticated` role is checked: the owner (migrations, the one-statement webhook
-- store) and the NOLOGIN system roles are trusted as before.
create function app.guard_channel_columns() returns trigger
language plpgsql security invoker set search_path = '' as $$
declare
  v_system boolean := coalesce(auth.jwt() ->> 'actor', '') = 'system';
begin
  if current_user <> 'authenticated' or v_system then
    return new;
  end if;
  if tg_table_name = 'integrations' then
    if new.webhook_status is distinct from old.webhook_status
       or new.last_inbound_at is distinct from old.last_inbound_at
       or new.last_outbound_at is distinct from old.last_outbound_at
       or new.last_error is distinct from old.last_error
       or new.last_error_at is distinct from old.last_error_at then
      raise exception 'a connection''s health is written by the system only' using errcode = '42501';
    end if;
  elsif tg_table_name = 'conversations' then
    if new.last_inbound_at is distinct from old.last_inbound_at
       or new.off_hours_notified_at is distinct from old.off_hours_notified_at
       or (new.needs_human_since is distinct from old.needs_human_since and new.needs_human_since is not null)
       or (new.paused_by_user_id is distinct from old.paused_by_user_id
           and new.paused_by_user_id is not null and new.paused_by_user_id is distinct from auth.uid()) then
      raise exception 'this conversation column is written by the system only' using errcode = '42501';
    end if;
  elsif tg_table_name = 'ai_suggestions' then
    if new.decided_by is distinct from old.decided_by and new.decided_by is not null
       and new.decided_by is distinct from auth.uid() then
      raise exception 'a suggestion is decided by the member deciding it' using errcode = '42501';
    end if;
  end if;
  return new;
end
$$;
revoke execute on function app.guard_channel_columns() from public, anon, authenticated;

create trigger integrations_guard_columns before update on public.integrations
  for each row execute function app.guard_channel_columns();
create trigger conversations_guard_columns before update on public.conversations
  for each row execute function app.guard_channel_columns();
create trigger ai_suggestions_guard_columns before update on public.ai_suggestions
  for each row execute function app.guard_channel_columns();
