-- Second wall for the channels migrations.
-- 1. 20261130000501 recreated app.realtime_on_conversation() with CREATE OR REPLACE and revoked
--    nothing. Replacing keeps the ACL the function already had (revoked in 20261130000100), but
--    the rule is explicit: no function keeps PUBLIC EXECUTE.
revoke execute on function app.realtime_on_conversation() from public, anon, authenticated;

-- 2. Raw provider updates are written only by system actors (webhooks and the channel path): a
--    member inserting one would have it processed as a customer's message. Members read them.
drop policy channel_updates_insert on public.channel_updates;
drop policy channel_updates_update on public.channel_updates;
create policy channel_updates_insert on public.channel_updates for insert to authenticated
  with check (auth.jwt() ->> 'actor' = 'system' and workspace_id = any ((select app.writer_workspaces())::uuid[]));
create policy channel_updates_update on public.channel_updates for update to authenticated
  using (auth.jwt() ->> 'actor' = 'system' and workspace_id = any ((select app.writer_workspaces())::uuid[]))
  with check (auth.jwt() ->> 'actor' = 'system' and workspace_id = any ((select app.writer_workspaces())::uuid[]));
