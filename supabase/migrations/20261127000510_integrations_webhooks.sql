-- Connections to outside systems (seed 000 table 13, per workspace instead of per user).
-- Secrets (OAuth tokens, bot tokens, API keys, webhook secrets) are stored encrypted by
-- lib/crypto and are write-only for members: only a system actor of the workspace reads
-- them back, through app.integration_secrets().
-- Webhooks find a connection's workspace through app.webhook_connection(), executable
-- only by the NOLOGIN role app_webhooks, and then act as that workspace's system actor.

do $$
begin
  begin
    create role app_webhooks nologin noinherit;
  exception when duplicate_object or unique_violation then null;
  end;
  if not pg_has_role(current_user, 'app_webhooks', 'member') then
    begin
      execute format('grant app_webhooks to %I', current_user);
    exception when duplicate_object or unique_violation or internal_error then null;
    end;
  end if;
end
$$;
grant usage on schema app to app_webhooks;

create table public.integrations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  integration_type varchar(50) not null,
  is_active boolean not null default false,
  is_connected boolean not null default false,
  access_token text,
  refresh_token text,
  token_expires_at timestamptz,
  -- Encrypted JSON of the connection's other secrets (bot token, API key, webhook secret).
  credentials text,
  config jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, integration_type)
);
create index integrations_type_idx on public.integrations (integration_type);

alter table public.integrations enable row level security;
alter table public.integrations force row level security;

create policy integrations_select on public.integrations for select to authenticated
  using (workspace_id = any ((select app.member_workspaces())::uuid[]));
create policy integrations_insert on public.integrations for insert to authenticated
  with check (workspace_id = any ((select app.admin_workspaces())::uuid[]));
create policy integrations_update on public.integrations for update to authenticated
  using (workspace_id = any ((select app.admin_workspaces())::uuid[]))
  with check (workspace_id = any ((select app.admin_workspaces())::uuid[]));
create policy integrations_delete on public.integrations for delete to authenticated
  using (workspace_id = any ((select app.admin_workspaces())::uuid[]));

grant select (id, workspace_id, integration_type, is_active, is_connected, token_expires_at, config, created_at, updated_at),
  insert (id, workspace_id, integration_type, is_active, is_connected, access_token, refresh_token, token_expires_at,
          credentials, config, created_at, updated_at),
  update (is_active, is_connected, access_token, refresh_token, token_expires_at, credentials, config, updated_at),
  delete
  on public.integrations to authenticated;

-- The encrypted secrets of one connection, for the system actor of its workspace only.
create function app.integration_secrets(p_id uuid)
returns table (access_token text, refresh_token text, credentials text)
language sql stable security definer set search_path = '' as $$
  select i.access_token, i.refresh_token, i.credentials
  from public.integrations i
  where i.id = p_id
    and auth.jwt() ->> 'actor' = 'system'
    and i.workspace_id = app.current_workspace_id()
$$;
revoke execute on function app.integration_secrets(uuid) from public, anon;
grant execute on function app.integration_secrets(uuid) to authenticated;

-- Connection id (from a webhook URL) -> its workspace, type and state. Nothing else.
create function app.webhook_connection(p_id uuid)
returns table (workspace_id uuid, integration_type varchar, is_active boolean)
language sql stable security definer set search_path = '' as $$
  select i.workspace_id, i.integration_type, i.is_active from public.integrations i where i.id = p_id
$$;
revoke execute on function app.webhook_connection(uuid) from public, anon, authenticated;
grant execute on function app.webhook_connection(uuid) to app_webhooks;
