-- Telegram long polling (TELEGRAM_MODE=polling, local development without a public URL): the
-- in-process poller must find every active Telegram connection across workspaces. The jobs
-- role gets exactly that list (ids and workspaces, nothing secret); everything after runs as
-- the `channels` system actor of each connection's workspace.
create function app.telegram_polling_connections()
returns table (id uuid, workspace_id uuid)
language sql stable security definer set search_path = '' as $$
  select i.id, i.workspace_id from public.integrations i
  where i.integration_type = 'telegram' and i.is_active and i.is_connected
  order by i.created_at, i.id
$$;
revoke execute on function app.telegram_polling_connections() from public, anon, authenticated;
grant execute on function app.telegram_polling_connections() to app_jobs;
