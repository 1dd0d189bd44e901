-- Realtime hub (issue 9): where a workspace's event log stands, for the stream's reader (the
-- app_jobs role, like app.realtime_events_after). A stream that opens without Last-Event-ID
-- starts here; one that names a later seq (the log was reset) gets `event: reset`.
create function app.realtime_last_seq(p_workspace_id uuid)
returns bigint language sql stable security definer set search_path = '' as $$
  select coalesce((select c.last_seq from public.realtime_cursors c where c.workspace_id = p_workspace_id), 0)
$$;
revoke execute on function app.realtime_last_seq(uuid) from public, anon, authenticated;
grant execute on function app.realtime_last_seq(uuid) to app_jobs;
