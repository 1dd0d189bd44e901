-- The jobs layer gets its own NOLOGIN role (app_jobs) instead of running as the
-- connection owner: it may only claim and finish outbox events and due work.
-- The outbox gains a dead-letter state; due_work holds every pending wait
-- (delayed replies, auto-resume, follow-ups) as a row that survives restarts.

-- Roles are cluster-global on PostgreSQL: parallel test databases run this at once.
do $$
begin
  begin
    create role app_jobs nologin noinherit;
  exception when duplicate_object or unique_violation then null;
  end;
  if not pg_has_role(current_user, 'app_jobs', 'member') then
    begin
      execute format('grant app_jobs to %I', current_user);
    exception when duplicate_object or unique_violation or internal_error then null;
    end;
  end if;
end
$$;
grant usage on schema app to app_jobs;

-- Outbox: pending -> sent, or dead after too many failed deliveries.
alter table public.event_outbox
  add column state varchar(20) not null default 'pending' check (state in ('pending', 'sent', 'dead')),
  add column dead_at timestamptz;
update public.event_outbox set state = 'sent' where sent_at is not null;
create index event_outbox_claim_idx on public.event_outbox (id) where state = 'pending';
create index event_outbox_dead_idx on public.event_outbox (workspace_id, dead_at desc) where state = 'dead';

create policy event_outbox_jobs on public.event_outbox for all to app_jobs using (true) with check (true);
grant select (id, workspace_id, name, data, state, attempts, claimed_until, sent_at, dead_at, last_error, created_at),
  update (state, attempts, claimed_until, sent_at, dead_at, last_error) on public.event_outbox to app_jobs;
-- Admins see their workspace's dead events (not the payload).
create policy event_outbox_select on public.event_outbox for select to authenticated
  using (workspace_id = any ((select app.admin_workspaces())::uuid[]));
grant select (id, workspace_id, name, state, attempts, last_error, created_at, sent_at, dead_at)
  on public.event_outbox to authenticated;

create table public.due_work (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  kind varchar(100) not null,
  -- What the work is about, e.g. 'conversation:<id>': scheduling again replaces the pending one.
  subject varchar(255) not null,
  due_at timestamptz not null,
  payload jsonb not null default '{}'::jsonb,
  attempts integer not null default 0,
  max_attempts integer not null default 5 check (max_attempts between 1 and 100),
  state varchar(20) not null default 'pending'
    check (state in ('pending', 'running', 'done', 'cancelled', 'dead')),
  last_error text,
  -- A runner that claimed the item owns it until then (crash-safe lease).
  claimed_until timestamptz,
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index due_work_pending_subject_idx on public.due_work (workspace_id, kind, subject) where state = 'pending';
create index due_work_due_idx on public.due_work (due_at) where state = 'pending';
create index due_work_lease_idx on public.due_work (claimed_until) where state = 'running';
create index due_work_dead_idx on public.due_work (workspace_id, updated_at desc) where state = 'dead';

alter table public.due_work enable row level security;
alter table public.due_work force row level security;

-- Members and system actors of a workspace schedule, reschedule and cancel its pending
-- work inside their own transaction; only the jobs role runs, finishes or buries it.
create policy due_work_select on public.due_work for select to authenticated
  using (workspace_id = any ((select app.member_workspaces())::uuid[]));
create policy due_work_insert on public.due_work for insert to authenticated
  with check (workspace_id = any ((select app.writer_workspaces())::uuid[]) and state = 'pending' and attempts = 0);
create policy due_work_update on public.due_work for update to authenticated
  using (workspace_id = any ((select app.writer_workspaces())::uuid[]) and state = 'pending')
  with check (workspace_id = any ((select app.writer_workspaces())::uuid[]) and state in ('pending', 'cancelled'));
grant select on public.due_work to authenticated;
grant insert (id, workspace_id, kind, subject, due_at, payload, max_attempts, created_at, updated_at),
  update (due_at, payload, max_attempts, attempts, last_error, state, updated_at) on public.due_work to authenticated;

create policy due_work_jobs on public.due_work for all to app_jobs using (true) with check (true);
grant select, update (state, attempts, due_at, last_error, claimed_until, finished_at, updated_at)
  on public.due_work to app_jobs;
