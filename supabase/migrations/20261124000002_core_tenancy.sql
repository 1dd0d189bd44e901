-- Users, workspaces (the tenant), memberships, invitations, tokens, audit log,
-- notifications and usage statistics, with row-level security.

create schema if not exists app;
grant usage on schema app to authenticated;

create table public.users (
  id uuid primary key default gen_random_uuid(),
  email varchar(255) not null,
  password_hash varchar(255) not null,
  full_name varchar(255),
  avatar_url text,
  theme varchar(20) not null default 'system' check (theme in ('light', 'dark', 'system')),
  locale varchar(10) not null default 'ru' check (locale in ('ru', 'en', 'kk')),
  last_workspace_id uuid,
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email_lower_key on public.users (lower(email));

-- The tenant. Subscription and agent-management settings live here, not on the
-- user, because they belong to the business the agents work for.
create table public.workspaces (
  id uuid primary key default gen_random_uuid(),
  name varchar(255) not null default 'World Wide Services',
  company_logo_url text,
  subscription_plan varchar(50) not null default 'trial' check (subscription_plan in ('trial', 'launch', 'scale', 'max')),
  subscription_status varchar(50) not null default 'active' check (subscription_status in ('active', 'cancelled', 'expired')),
  subscription_expires_at timestamptz,
  trial_ends_at timestamptz,
  ai_responses_used integer not null default 0,
  ai_responses_limit integer not null default 500,
  stop_on_human_reply boolean not null default false,
  auto_resume_after integer not null default 30 check (auto_resume_after between 0 and 100000),
  auto_resume_unit varchar(20) not null default 'дней' check (auto_resume_unit in ('дней', 'часов', 'минут')),
  created_by uuid references public.users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.memberships (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  user_id uuid not null references public.users(id) on delete cascade,
  role varchar(20) not null check (role in ('owner', 'admin', 'member', 'viewer')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, user_id)
);
create index memberships_user_id_idx on public.memberships (user_id);

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  email varchar(255) not null,
  role varchar(20) not null check (role in ('owner', 'admin', 'member', 'viewer')),
  token_hash varchar(128) not null unique,
  invited_by uuid references public.users(id) on delete set null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index invitations_pending_email_key on public.invitations (workspace_id, lower(email)) where accepted_at is null;

create table public.refresh_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users(id) on delete cascade,
  family_id uuid not null,
  token_hash varchar(128) not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz,
  ip_address inet,
  user_agent text,
  created_at timestamptz not null default now()
);
create index refresh_tokens_family_idx on public.refresh_tokens (family_id);
create index refresh_tokens_user_idx on public.refresh_tokens (user_id);

create table public.password_reset_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users(id) on delete cascade,
  token_hash varchar(128) not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);

create table public.audit_log (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid references public.workspaces(id) on delete cascade,
  user_id uuid references public.users(id) on delete set null,
  actor varchar(100),
  action varchar(100) not null,
  entity_type varchar(50) not null,
  entity_id varchar(100),
  old_values jsonb,
  new_values jsonb,
  ip_address inet,
  user_agent text,
  request_id varchar(100),
  created_at timestamptz not null default now()
);
create index audit_log_workspace_created_idx on public.audit_log (workspace_id, created_at desc);
create index audit_log_user_idx on public.audit_log (user_id);
create index audit_log_action_idx on public.audit_log (action);
create index audit_log_entity_type_idx on public.audit_log (entity_type);

create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  user_id uuid references public.users(id) on delete cascade,
  type varchar(50) not null,
  title varchar(255) not null,
  description text,
  action_text varchar(100),
  action_url varchar(500),
  is_read boolean not null default false,
  read_at timestamptz,
  created_at timestamptz not null default now()
);
create index notifications_workspace_idx on public.notifications (workspace_id, created_at desc);
create index notifications_user_unread_idx on public.notifications (user_id, is_read);

create table public.usage_statistics (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  date date not null,
  messages_sent integer not null default 0,
  messages_received integer not null default 0,
  ai_responses_count integer not null default 0,
  tokens_used integer not null default 0,
  new_conversations integer not null default 0,
  active_conversations integer not null default 0,
  closed_conversations integer not null default 0,
  created_at timestamptz not null default now(),
  unique (workspace_id, date)
);

-- Access functions. SECURITY DEFINER so policies can consult memberships
-- without recursing into memberships' own policies.
-- Claims: sub = user id; workspace_id = the workspace the request acts in;
-- actor = 'system' for webhooks and jobs bound to exactly one workspace.
create function app.current_workspace_id() returns uuid
language sql stable set search_path = '' as $$
  select nullif(auth.jwt() ->> 'workspace_id', '')::uuid
$$;

create function app.has_role(ws uuid, roles text[]) returns boolean
language sql stable security definer set search_path = '' as $$
  select case
    when auth.jwt() ->> 'actor' = 'system' then ws = app.current_workspace_id()
    else coalesce(app.current_workspace_id() = ws, true) and exists (
      select 1 from public.memberships m
      where m.workspace_id = ws and m.user_id = auth.uid() and m.role = any (roles)
    )
  end
$$;

create function app.is_member(ws uuid) returns boolean
language sql stable set search_path = '' as $$
  select app.has_role(ws, array['owner', 'admin', 'member', 'viewer'])
$$;

create function app.can_write(ws uuid) returns boolean
language sql stable set search_path = '' as $$
  select app.has_role(ws, array['owner', 'admin', 'member'])
$$;

create function app.can_admin(ws uuid) returns boolean
language sql stable set search_path = '' as $$
  select app.has_role(ws, array['owner', 'admin'])
$$;

-- The same checks as sets, for policies: `workspace_id = any ((select app.member_workspaces())::uuid[])`
-- is evaluated once per statement (an InitPlan), where app.is_member(workspace_id)
-- would run a membership lookup for every row scanned.
create function app.workspaces_with_role(roles text[]) returns uuid[]
language sql stable security definer set search_path = '' as $$
  select case
    when auth.jwt() ->> 'actor' = 'system' then array_remove(array[app.current_workspace_id()], null)
    else coalesce(array(
      select m.workspace_id from public.memberships m
      where m.user_id = auth.uid() and m.role = any (roles)
        and (app.current_workspace_id() is null or m.workspace_id = app.current_workspace_id())
    ), '{}'::uuid[])
  end
$$;

create function app.member_workspaces() returns uuid[]
language sql stable set search_path = '' as $$
  select app.workspaces_with_role(array['owner', 'admin', 'member', 'viewer'])
$$;

create function app.writer_workspaces() returns uuid[]
language sql stable set search_path = '' as $$
  select app.workspaces_with_role(array['owner', 'admin', 'member'])
$$;

create function app.admin_workspaces() returns uuid[]
language sql stable set search_path = '' as $$
  select app.workspaces_with_role(array['owner', 'admin'])
$$;

create function app.shares_workspace(other_user uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.memberships a join public.memberships b on a.workspace_id = b.workspace_id
    where a.user_id = auth.uid() and b.user_id = other_user
  )
$$;

grant execute on all functions in schema app to authenticated;

alter table public.users enable row level security;
alter table public.workspaces enable row level security;
alter table public.memberships enable row level security;
alter table public.invitations enable row level security;
alter table public.refresh_tokens enable row level security;
alter table public.password_reset_tokens enable row level security;
alter table public.audit_log enable row level security;
alter table public.notifications enable row level security;
alter table public.usage_statistics enable row level security;

create policy users_select on public.users for select to authenticated
  using (id = auth.uid() or app.shares_workspace(id));
create policy users_update on public.users for update to authenticated
  using (id = auth.uid()) with check (id = auth.uid());

create policy workspaces_select on public.workspaces for select to authenticated
  using (id = any ((select app.member_workspaces())::uuid[]));
create policy workspaces_update on public.workspaces for update to authenticated
  using (id = any ((select app.admin_workspaces())::uuid[])) with check (id = any ((select app.admin_workspaces())::uuid[]));

create policy memberships_select on public.memberships for select to authenticated
  using (workspace_id = any ((select app.member_workspaces())::uuid[]));
create policy memberships_insert on public.memberships for insert to authenticated
  with check (workspace_id = any ((select app.admin_workspaces())::uuid[]));
create policy memberships_update on public.memberships for update to authenticated
  using (workspace_id = any ((select app.admin_workspaces())::uuid[])) with check (workspace_id = any ((select app.admin_workspaces())::uuid[]));
create policy memberships_delete on public.memberships for delete to authenticated
  using (workspace_id = any ((select app.admin_workspaces())::uuid[]) or user_id = auth.uid());

create policy invitations_select on public.invitations for select to authenticated
  using (workspace_id = any ((select app.admin_workspaces())::uuid[]));
create policy invitations_insert on public.invitations for insert to authenticated
  with check (workspace_id = any ((select app.admin_workspaces())::uuid[]));
create policy invitations_update on public.invitations for update to authenticated
  using (workspace_id = any ((select app.admin_workspaces())::uuid[])) with check (workspace_id = any ((select app.admin_workspaces())::uuid[]));
create policy invitations_delete on public.invitations for delete to authenticated
  using (workspace_id = any ((select app.admin_workspaces())::uuid[]));

-- refresh_tokens and password_reset_tokens: no policies, so the authenticated
-- role can neither read nor write them; only the auth module's system
-- connection touches them.

create policy audit_log_select on public.audit_log for select to authenticated
  using (workspace_id is not null and workspace_id = any ((select app.admin_workspaces())::uuid[]));
create policy audit_log_insert on public.audit_log for insert to authenticated
  with check (
    (workspace_id is null and user_id = auth.uid())
    or (workspace_id is not null and workspace_id = any ((select app.member_workspaces())::uuid[])
        -- A person writes rows under their own id only; rows without one are a system actor's.
        and (user_id = auth.uid() or (user_id is null and auth.jwt() ->> 'actor' = 'system')))
  );

create policy notifications_select on public.notifications for select to authenticated
  using (workspace_id = any ((select app.member_workspaces())::uuid[]) and (user_id is null or user_id = auth.uid()));
create policy notifications_insert on public.notifications for insert to authenticated
  with check (workspace_id = any ((select app.member_workspaces())::uuid[]));
create policy notifications_update on public.notifications for update to authenticated
  using (workspace_id = any ((select app.member_workspaces())::uuid[]) and (user_id is null or user_id = auth.uid()))
  with check (workspace_id = any ((select app.member_workspaces())::uuid[]));
create policy notifications_delete on public.notifications for delete to authenticated
  using (workspace_id = any ((select app.member_workspaces())::uuid[]) and (user_id is null or user_id = auth.uid()));

create policy usage_statistics_select on public.usage_statistics for select to authenticated
  using (workspace_id = any ((select app.member_workspaces())::uuid[]));
create policy usage_statistics_write on public.usage_statistics for all to authenticated
  using (auth.jwt() ->> 'actor' = 'system' and workspace_id = any ((select app.member_workspaces())::uuid[]))
  with check (auth.jwt() ->> 'actor' = 'system' and workspace_id = any ((select app.member_workspaces())::uuid[]));

grant select, update on public.users to authenticated;
grant select, update on public.workspaces to authenticated;
grant select, insert, update, delete on public.memberships, public.invitations,
  public.notifications, public.usage_statistics to authenticated;
grant select, insert on public.audit_log to authenticated;
