-- Follow-up chains at run time (issue 10; docs/chains-api.md): each run of a chain on a
-- conversation, with the chain version it started with, its next due step and why it ended;
-- each step's result (what went out, whether the customer answered after it).
--
-- Rights: members read; a member may stop runs (status/stop_reason/finished_at only, and only to
-- `stopped` — enforced by app.guard_chain_run_stop); the `chains` system actor starts and runs
-- them. Runs and their steps go with the chain (the statistics of a deleted chain go too).

alter table public.chains add column version integer not null default 1 check (version >= 1);
grant update (version) on public.chains to authenticated;

create table public.chain_runs (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  chain_id uuid not null,
  agent_id uuid not null,
  conversation_id uuid not null,
  client_id uuid,
  chain_version integer not null,
  -- The chain as it started: steps (delay, actions), schedule, the workspace's time zone.
  snapshot jsonb not null check (jsonb_typeof(snapshot) = 'object'),
  status varchar(20) not null default 'running' check (status in ('running', 'completed', 'stopped')),
  stop_reason varchar(40) check (stop_reason is null or stop_reason in (
    'customer_replied', 'human_took_over', 'conversation_closed', 'deal_won', 'deal_lost', 'chain_off',
    'chain_edited_away', 'agent_off', 'quota_exhausted', 'stopped_by_user', 'failed')),
  -- Index into snapshot.steps of the next step to run.
  current_step integer not null default 0 check (current_step >= 0),
  next_due_at timestamptz,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  stopped_by uuid references public.users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (chain_id, workspace_id) references public.chains (id, workspace_id) on delete cascade,
  foreign key (conversation_id, workspace_id) references public.conversations (id, workspace_id) on delete cascade,
  unique (id, workspace_id),
  check ((status = 'stopped') = (stop_reason is not null)),
  check ((status = 'running') = (finished_at is null))
);
-- At most one run of a chain per conversation at a time.
create unique index chain_runs_one_running_idx on public.chain_runs (chain_id, conversation_id) where status = 'running';
create index chain_runs_conversation_idx on public.chain_runs (conversation_id, started_at desc);
create index chain_runs_chain_idx on public.chain_runs (chain_id, status, started_at desc);
create index chain_runs_workspace_idx on public.chain_runs (workspace_id);

create table public.chain_run_steps (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  run_id uuid not null,
  step_index integer not null check (step_index >= 0),
  due_at timestamptz not null,
  started_at timestamptz,
  finished_at timestamptz,
  status varchar(20) not null default 'pending' check (status in ('pending', 'sent', 'drafted', 'skipped', 'failed', 'stopped')),
  -- The follow-up message it wrote (sent, or a draft awaiting approval).
  message_id uuid,
  -- Per action, in order: { type, result: done | skipped | failed, error?, … }.
  actions jsonb not null default '[]' check (jsonb_typeof(actions) = 'array'),
  -- The first customer message after this step went out (the "replied after step N" statistic).
  customer_replied_at timestamptz,
  created_at timestamptz not null default now(),
  foreign key (run_id, workspace_id) references public.chain_runs (id, workspace_id) on delete cascade,
  unique (run_id, step_index)
);
create index chain_run_steps_workspace_idx on public.chain_run_steps (workspace_id);

do $$
declare t text;
begin
  foreach t in array array['chain_runs', 'chain_run_steps'] loop
    execute format('alter table public.%I enable row level security', t);
    execute format('create policy %I on public.%I for select to authenticated using (workspace_id = any ((select app.member_workspaces())::uuid[]))', t || '_select', t);
    execute format('create policy %I on public.%I for insert to authenticated with check (auth.jwt() ->> ''actor'' = ''system'' and workspace_id = any ((select app.writer_workspaces())::uuid[]))', t || '_insert', t);
    execute format('create policy %I on public.%I for update to authenticated using (workspace_id = any ((select app.writer_workspaces())::uuid[])) with check (workspace_id = any ((select app.writer_workspaces())::uuid[]))', t || '_update', t);
    execute format('grant select, insert on public.%I to authenticated', t);
    perform app.scope_system_actors(format('public.%I', t)::regclass);
  end loop;
end
$$;
grant update (status, stop_reason, current_step, next_due_at, finished_at, stopped_by, updated_at) on public.chain_runs to authenticated;
grant update (started_at, finished_at, status, message_id, actions, customer_replied_at) on public.chain_run_steps to authenticated;

-- A member may only stop a running run (status -> stopped, reason stopped_by_user, by themselves);
-- everything else about runs is the system actor's.
create function app.guard_chain_run_write() returns trigger
language plpgsql security invoker set search_path = '' as $$
begin
  if current_user <> 'authenticated' or coalesce(auth.jwt() ->> 'actor', '') = 'system' then
    return new;
  end if;
  if tg_table_name = 'chain_run_steps'
     or old.status <> 'running' or new.status <> 'stopped' or new.stop_reason is distinct from 'stopped_by_user'
     or new.stopped_by is distinct from auth.uid()
     or new.current_step <> old.current_step then
    raise exception 'chain runs are written by the system; a member may only stop a running one' using errcode = '42501';
  end if;
  return new;
end
$$;
revoke execute on function app.guard_chain_run_write() from public, anon, authenticated;
create trigger chain_runs_guard before update on public.chain_runs for each row execute function app.guard_chain_run_write();
create trigger chain_run_steps_guard before update on public.chain_run_steps for each row execute function app.guard_chain_run_write();

-- The `chains` system actor: what the agent runtime may (it writes follow-ups through the runtime),
-- plus the runs, their steps and the due work that wakes them.
insert into app.system_actor_rights (system_name, table_name, access)
  select 'chains', table_name, access from app.system_actor_rights where system_name = 'channels'
on conflict (system_name, table_name) do nothing;
insert into app.system_actor_rights (system_name, table_name, access) values
  ('chains', 'chain_runs', 'write'),
  ('chains', 'chain_run_steps', 'write'),
  ('chains', 'chains', 'write'),
  ('chains', 'chain_steps', 'read'),
  ('chains', 'chain_step_actions', 'read'),
  ('channels', 'chain_runs', 'write'),
  ('channels', 'chain_run_steps', 'write'),
  ('agent-runtime', 'chain_runs', 'write'),
  ('agent-runtime', 'chain_run_steps', 'write')
on conflict (system_name, table_name) do update set access = excluded.access;
