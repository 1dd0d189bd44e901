-- The database wall: functions, columns, system actors and the auth role (issue 6, points 1-3).
--
-- Roles
--   authenticated  every request of a member or a system actor (lib/db/actor.ts withActor:
--                  SET LOCAL ROLE authenticated + request.jwt.claims). Row policies decide
--                  the rows; the column grants below decide the columns it may change.
--   app_auth       NOLOGIN, entered with SET LOCAL ROLE inside withAuthService: registration,
--                  login, refresh and password reset. The only role besides the table owner
--                  that reads or writes public.user_credentials and the token tables. It
--                  creates a user, their workspace and the owner membership at sign-up, and
--                  changes users.password_changed_at on a reset. Nothing else.
--   (owner)        the role migrations run as. The app does not run requests as it.
--
-- Columns that only the billing/system path changes
--   workspaces.subscription_plan, subscription_status, subscription_expires_at, trial_ends_at,
--   ai_responses_used, ai_responses_limit: no UPDATE grant to authenticated; they change through
--   app.apply_billing (system actor "billing") and app.count_ai_response (system actor "agent-runtime").
--   Credentials live in public.user_credentials, which authenticated cannot touch at all.
--
-- Owners
--   Only an owner inserts, updates or deletes an owner membership or an owner invitation
--   (the policies' USING and WITH CHECK; lib/auth/permissions.ts canAssignRole says the same).
--
-- System actors: claims {actor: 'system', system_name, workspace_id}, bound to one workspace.
--   They never count as owner or admin, an unknown system_name has no rights at all, and on
--   every public table a restrictive policy lets each named actor touch only the tables in
--   app.system_actor_rights ('read' = select; 'write' = select, insert, update, delete):
--     kb-indexer  write kb_chunks              (stores embeddings of an article's chunks)
--     billing     read workspaces, write audit_log; app.apply_billing(ws, ...) for plan and quota
--     agent-runtime  read workspaces and the knowledge base (kb_* tables), write kb_articles
--                    (usage counts) and usage_statistics; app.count_ai_response(ws)
--   A new system actor or a new table it needs is one row in app.system_actor_rights; a new
--   public table gets the same restrictive policies with `select app.scope_system_actors('public.t')`.
--
-- Functions
--   EXECUTE is revoked from PUBLIC on every function in schema app, and new functions start
--   revoked (ALTER DEFAULT PRIVILEGES). authenticated gets back the policy helpers and the
--   search and invitation functions; app.kb_count_search_terms runs only from its triggers.

-- 1. Functions ------------------------------------------------------------------------------

revoke execute on all functions in schema app from public;
revoke execute on all functions in schema app from authenticated;
-- Per-schema default privileges cannot take away the global PUBLIC grant; the global form can.
alter default privileges revoke execute on functions from public;

create table app.system_actor_rights (
  system_name text not null,
  table_name text not null,
  access text not null check (access in ('read', 'write')),
  primary key (system_name, table_name)
);
revoke all on app.system_actor_rights from public;
insert into app.system_actor_rights (system_name, table_name, access) values
  ('kb-indexer', 'kb_chunks', 'write'),
  ('billing', 'workspaces', 'read'),
  ('billing', 'audit_log', 'write'),
  ('agent-runtime', 'workspaces', 'read'),
  ('agent-runtime', 'kb_categories', 'read'),
  ('agent-runtime', 'kb_article_categories', 'read'),
  ('agent-runtime', 'kb_article_relations', 'read'),
  ('agent-runtime', 'kb_article_files', 'read'),
  ('agent-runtime', 'kb_chunks', 'read'),
  ('agent-runtime', 'kb_articles', 'write'),
  ('agent-runtime', 'usage_statistics', 'write');

-- System actors: only a known name, only its own workspace, never owner- or admin-level.
create or replace function app.has_role(ws uuid, roles text[]) returns boolean
language sql stable security definer set search_path = '' as $$
  select case
    when auth.jwt() ->> 'actor' = 'system' then
      ws = app.current_workspace_id()
      and roles && array['member', 'viewer']
      and exists (select 1 from app.system_actor_rights r where r.system_name = auth.jwt() ->> 'system_name')
    else coalesce(app.current_workspace_id() = ws, true) and exists (
      select 1 from public.memberships m
      where m.workspace_id = ws and m.user_id = auth.uid() and m.role = any (roles)
    )
  end
$$;

create or replace function app.workspaces_with_role(roles text[]) returns uuid[]
language sql stable security definer set search_path = '' as $$
  select case
    when auth.jwt() ->> 'actor' = 'system' then
      case when roles && array['member', 'viewer']
             and exists (select 1 from app.system_actor_rights r where r.system_name = auth.jwt() ->> 'system_name')
           then array_remove(array[app.current_workspace_id()], null)
           else '{}'::uuid[] end
    else coalesce(array(
      select m.workspace_id from public.memberships m
      where m.user_id = auth.uid() and m.role = any (roles)
        and (app.current_workspace_id() is null or m.workspace_id = app.current_workspace_id())
    ), '{}'::uuid[])
  end
$$;

create function app.owner_workspaces() returns uuid[]
language sql stable set search_path = '' as $$
  select app.workspaces_with_role(array['owner'])
$$;

-- For restrictive policies: true for members; for a system actor, whether its rights cover the table.
create function app.system_actor_may(tbl text, need text) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce(auth.jwt() ->> 'actor', '') <> 'system' or exists (
    select 1 from app.system_actor_rights r
    where r.system_name = auth.jwt() ->> 'system_name' and r.table_name = tbl
      and (r.access = 'write' or need = 'read')
  )
$$;

-- Two restrictive policies per table: seeing rows needs 'read', writing them needs 'write'.
create function app.scope_system_actors(tbl regclass) returns void
language plpgsql set search_path = '' as $$
declare
  t text := (select c.relname from pg_catalog.pg_class c where c.oid = tbl);
begin
  execute format(
    'create policy system_actor_scope on %s as restrictive for all to authenticated
       using ((select app.system_actor_may(%L, ''read''))) with check ((select app.system_actor_may(%L, ''write'')))',
    tbl, t, t);
  execute format(
    'create policy system_actor_delete on %s as restrictive for delete to authenticated
       using ((select app.system_actor_may(%L, ''write'')))',
    tbl, t);
end
$$;

-- The vocabulary counter runs from the kb_chunks triggers only (their owner may execute it);
-- a caller with claims may count only the workspaces it writes in.
create or replace function app.kb_count_search_terms(workspace_ids uuid[], bodies text[], sign integer) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if coalesce(auth.jwt() ->> 'actor', auth.jwt() ->> 'sub', '') <> ''
     and exists (select 1 from unnest(workspace_ids) as x(ws) where x.ws <> all (app.writer_workspaces())) then
    raise exception 'not allowed to change the search vocabulary of another workspace' using errcode = '42501';
  end if;
  insert into public.kb_search_terms as t (workspace_id, term, ndoc)
  select x.ws, w.term, sign * count(*)::int
  from unnest(workspace_ids, bodies) as x(ws, body)
  cross join lateral (select distinct unnest(tsvector_to_array(to_tsvector('simple'::regconfig, x.body))) as term) w
  where char_length(w.term) <= 64
  group by x.ws, w.term
  order by x.ws, w.term
  on conflict (workspace_id, term) do update set ndoc = t.ndoc + excluded.ndoc;
  if sign < 0 then
    delete from public.kb_search_terms t
    using (select distinct x.ws, w.term
           from unnest(workspace_ids, bodies) as x(ws, body)
           cross join lateral unnest(tsvector_to_array(to_tsvector('simple'::regconfig, x.body))) as w(term)) gone
    where t.workspace_id = gone.ws and t.term = gone.term and t.ndoc <= 0;
  end if;
  insert into public.kb_search_stats as s (workspace_id, chunks)
  select x.ws, sign * count(*)::int from unnest(workspace_ids) as x(ws) group by x.ws order by x.ws
  on conflict (workspace_id) do update set chunks = greatest(0, s.chunks + excluded.chunks);
end
$$;

-- The billing path: a plan, its status and dates, and the AI-response quota of one workspace
-- (a null trial end keeps the one there is).
create function app.apply_billing(
  ws uuid, plan text, status text, expires_at timestamptz, trial_ends timestamptz, responses_limit integer
) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if coalesce(auth.jwt() ->> 'actor', '') <> 'system' or coalesce(auth.jwt() ->> 'system_name', '') <> 'billing'
     or ws is distinct from app.current_workspace_id() then
    raise exception 'only the billing system actor of this workspace changes its plan' using errcode = '42501';
  end if;
  update public.workspaces
  set subscription_plan = plan, subscription_status = status, subscription_expires_at = expires_at,
      trial_ends_at = coalesce(trial_ends, trial_ends_at), ai_responses_limit = responses_limit, updated_at = now()
  where id = ws;
end
$$;

-- The runtime counts one AI response against the quota; false when the quota is used up.
create function app.count_ai_response(ws uuid) returns boolean
language plpgsql security definer set search_path = '' as $$
begin
  if coalesce(auth.jwt() ->> 'actor', '') <> 'system' or coalesce(auth.jwt() ->> 'system_name', '') <> 'agent-runtime'
     or ws is distinct from app.current_workspace_id() then
    raise exception 'only the agent-runtime system actor of this workspace counts AI responses' using errcode = '42501';
  end if;
  update public.workspaces set ai_responses_used = ai_responses_used + 1
  where id = ws and ai_responses_used < ai_responses_limit;
  return found;
end
$$;

revoke execute on all functions in schema app from public;
do $$
declare f regprocedure;
begin
  for f in
    select p.oid::regprocedure from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'app' and p.proname = any (array[
      'current_workspace_id', 'has_role', 'is_member', 'can_write', 'can_admin', 'workspaces_with_role',
      'member_workspaces', 'writer_workspaces', 'admin_workspaces', 'owner_workspaces', 'shares_workspace',
      'system_actor_may', 'invitation_preview', 'accept_invitation', 'kb_term_frequencies',
      'kb_fulltext_candidates', 'kb_nearest_chunks', 'kb_similar_terms', 'apply_billing', 'count_ai_response'])
  loop
    execute format('grant execute on function %s to authenticated', f);
  end loop;
end
$$;

-- 2. Credentials out of users -----------------------------------------------------------------

-- Roles are cluster-wide: test databases migrating at once may race to create it (a
-- concurrent CREATE ROLE fails with unique_violation rather than duplicate_object).
do $$
begin
  create role app_auth nologin noinherit;
exception when duplicate_object or unique_violation then null;
end
$$;
do $$
begin
  if not pg_has_role(current_user, 'app_auth', 'member') then
    execute format('grant app_auth to %I', current_user);
  end if;
end
$$;

create table public.user_credentials (
  user_id uuid primary key references public.users(id) on delete cascade,
  password_hash varchar(255) not null,
  updated_at timestamptz not null default now()
);
insert into public.user_credentials (user_id, password_hash) select id, password_hash from public.users;
alter table public.users drop column password_hash;
alter table public.user_credentials enable row level security;
alter table public.user_credentials force row level security;

-- 3. Column grants for authenticated ------------------------------------------------------------

revoke update on public.users from authenticated;
grant update (full_name, avatar_url, theme, locale, last_workspace_id, updated_at) on public.users to authenticated;

revoke update on public.workspaces from authenticated;
grant update (name, company_logo_url, stop_on_human_reply, auto_resume_after, auto_resume_unit, updated_at)
  on public.workspaces to authenticated;

revoke update on public.memberships from authenticated;
grant update (role, updated_at) on public.memberships to authenticated;

-- Invitations are accepted through app.accept_invitation; nobody edits one in place.
revoke update on public.invitations from authenticated;

-- 4. Owners manage owners ------------------------------------------------------------------------

drop policy memberships_insert on public.memberships;
drop policy memberships_update on public.memberships;
drop policy memberships_delete on public.memberships;
create policy memberships_insert on public.memberships for insert to authenticated
  with check (workspace_id = any ((select app.admin_workspaces())::uuid[])
    and (role <> 'owner' or workspace_id = any ((select app.owner_workspaces())::uuid[])));
create policy memberships_update on public.memberships for update to authenticated
  using (workspace_id = any ((select app.admin_workspaces())::uuid[])
    and (role <> 'owner' or workspace_id = any ((select app.owner_workspaces())::uuid[])))
  with check (workspace_id = any ((select app.admin_workspaces())::uuid[])
    and (role <> 'owner' or workspace_id = any ((select app.owner_workspaces())::uuid[])));
create policy memberships_delete on public.memberships for delete to authenticated
  using (user_id = auth.uid()
    or (workspace_id = any ((select app.admin_workspaces())::uuid[])
        and (role <> 'owner' or workspace_id = any ((select app.owner_workspaces())::uuid[]))));

drop policy invitations_insert on public.invitations;
drop policy invitations_update on public.invitations;
drop policy invitations_delete on public.invitations;
create policy invitations_insert on public.invitations for insert to authenticated
  with check (workspace_id = any ((select app.admin_workspaces())::uuid[])
    and (role <> 'owner' or workspace_id = any ((select app.owner_workspaces())::uuid[])));
create policy invitations_delete on public.invitations for delete to authenticated
  using (workspace_id = any ((select app.admin_workspaces())::uuid[])
    and (role <> 'owner' or workspace_id = any ((select app.owner_workspaces())::uuid[])));

-- 5. System actors: the narrow rights of their job ------------------------------------------------

do $$
declare t regclass;
begin
  for t in
    select c.oid::regclass from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relrowsecurity
  loop
    perform app.scope_system_actors(t);
  end loop;
end
$$;

-- 6. The auth role --------------------------------------------------------------------------------

grant select, insert on public.users to app_auth;
grant update (last_workspace_id, password_changed_at, updated_at) on public.users to app_auth;
grant select, insert on public.user_credentials to app_auth;
grant update (password_hash, updated_at) on public.user_credentials to app_auth;
grant select, insert on public.workspaces, public.memberships to app_auth;
grant select, insert, update, delete on public.refresh_tokens, public.password_reset_tokens to app_auth;
grant insert on public.audit_log to app_auth;

-- It must find an account by email before anyone is signed in, so it reads every user.
create policy users_auth_select on public.users for select to app_auth using (true);
create policy users_auth_insert on public.users for insert to app_auth with check (true);
create policy users_auth_update on public.users for update to app_auth using (true) with check (true);
create policy user_credentials_auth on public.user_credentials for all to app_auth using (true) with check (true);
create policy workspaces_auth_select on public.workspaces for select to app_auth using (true);
-- Sign-up creates a workspace on the trial plan with its creator.
create policy workspaces_auth_insert on public.workspaces for insert to app_auth
  with check (created_by is not null and subscription_plan = 'trial' and ai_responses_used = 0);
create policy memberships_auth_select on public.memberships for select to app_auth using (true);
-- ...and makes its creator the owner of that new workspace, and nothing else.
create policy memberships_auth_insert on public.memberships for insert to app_auth
  with check (role = 'owner' and exists (
    select 1 from public.workspaces w where w.id = workspace_id and w.created_by = user_id));
create policy refresh_tokens_auth on public.refresh_tokens for all to app_auth using (true) with check (true);
create policy password_reset_tokens_auth on public.password_reset_tokens for all to app_auth using (true) with check (true);
create policy audit_log_auth_insert on public.audit_log for insert to app_auth with check (user_id is not null);
