-- Dashboard sign-ins as rows, so a session can be listed and revoked before its
-- cookie expires (sign out, "sign out everywhere"). Per user, not per workspace:
-- a person signs in once and works in all their workspaces.
create table public.user_sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users(id) on delete cascade,
  ip_address inet,
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index user_sessions_user_idx on public.user_sessions (user_id, created_at desc);

alter table public.user_sessions enable row level security;
alter table public.user_sessions force row level security;

-- Only the person themself (never a co-member, never a system actor) sees and
-- ends their sessions.
create policy user_sessions_select on public.user_sessions for select to authenticated
  using (user_id = auth.uid());
create policy user_sessions_insert on public.user_sessions for insert to authenticated
  with check (user_id = auth.uid() and revoked_at is null);
create policy user_sessions_update on public.user_sessions for update to authenticated
  using (user_id = auth.uid()) with check (user_id = auth.uid());

grant select (id, user_id, ip_address, user_agent, created_at, last_seen_at, expires_at, revoked_at)
  on public.user_sessions to authenticated;
-- Drizzle names every column in an INSERT (with DEFAULT for the unset ones), and
-- column privileges apply to named columns; what a person may put there about
-- their own session is harmless, and revoked_at must be null (policy above).
grant insert (id, user_id, ip_address, user_agent, created_at, last_seen_at, expires_at, revoked_at)
  on public.user_sessions to authenticated;
grant update (last_seen_at, revoked_at) on public.user_sessions to authenticated;
