-- AI suggestions (issue 9, seed 004): a newer customer message makes the dialog's pending
-- suggestions stale — they answered what the customer said before. Done by a trigger so that
-- every inbound path (channels, widget, test chat, API) expires them in the same transaction
-- that stores the message; the status change streams as suggestion:updated.

create function app.expire_suggestions_on_customer_message() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.ai_suggestions s set status = 'expired'
  where s.workspace_id = new.workspace_id and s.conversation_id = new.conversation_id
    and s.status = 'pending' and s.created_at <= new.created_at;
  return null;
end
$$;
revoke execute on function app.expire_suggestions_on_customer_message() from public, anon, authenticated;

create trigger messages_expire_suggestions after insert on public.messages
  for each row when (new.role = 'user')
  execute function app.expire_suggestions_on_customer_message();
