-- The database wall, extended to what was built beside it (issue 6): the jobs layer, webhooks,
-- dashboard sessions. Nothing here widens a right the wall gave; it names the actors the new
-- code runs as and puts the new tables behind the same restrictive policies.
--
-- Name families
--   Some system actors carry a suffix: `webhook:<integration type>`, `due:<kind>`,
--   `event:<event name>`. A row of app.system_actor_rights whose system_name ends in ':*'
--   (e.g. 'webhook:*') covers every name with that prefix and a non-empty suffix; an exact
--   row covers one name. A name matched by no row is still unknown: no workspace, no table.
--
-- Rights added (read = select; write = select, insert, update, delete, as far as the
-- table's own policies allow)
--   jobs           write notifications   (dead letter: tells the workspace's team)
--   kb-indexer     write kb_article_files (background text extraction of an uploaded PDF/DOCX:
--                                          the text and its status), write kb_articles (the
--                                          re-chunk after extraction stores the article's
--                                          content hash), write event_outbox (queues the
--                                          article's re-embedding); it already wrote kb_chunks
--   webhook:*      write integrations    (reads its connection's secrets through
--                                          app.integration_secrets and re-seals them with the
--                                          current key after a rotation, or stores refreshed
--                                          tokens: UPDATE of its own workspace's rows only,
--                                          never insert or delete, those stay admin-only)
--                  write audit_log       (records what arrived; audit rows without a user)
--                  write due_work        (hands the reply to the jobs layer: scheduleDueWork)
--                  write event_outbox    (scheduleDueWork's event when Inngest runs the waits)
--   agent-runtime  write due_work, event_outbox (delayed replies and follow-ups it schedules)
--   due:<kind>, event:<name>
--                  nothing yet: no handler in the code base needs a table. The capability that
--                  registers a handler adds the rows its job needs, by its exact name
--                  (e.g. ('due:reply.send', 'messages', 'write')), never a family-wide grant.
--
-- The auth role
--   app_auth writes one event: 'auth/password-reset.requested' without a workspace (the mail
--   goes out from the jobs layer, so the request takes the same time whether the account
--   exists or not). INSERT only, pending, nothing else.
--
-- Secrets
--   app.integration_secrets now also requires the actor's rights to cover integrations: a
--   system actor of the workspace with no such right (kb-indexer, billing, an unknown name)
--   reads no secret.
--
-- New tables
--   due_work, integrations, user_sessions get the restrictive system_actor_scope policies (they
--   were created after the wall's loop ran). user_sessions has no system actor row at all:
--   sessions are a person's own.

-- 1. Name families ---------------------------------------------------------------------------

alter table app.system_actor_rights add constraint system_actor_rights_name_form
  check (system_name ~ '^[a-z0-9_][a-z0-9._-]*(:([a-z0-9_][a-z0-9._/-]*|\*))?$');

-- Does a rights row's system_name cover this actor name?
create function app.system_actor_name_matches(pattern text, name text) returns boolean
language sql immutable set search_path = '' as $$
  select case
    when right(pattern, 2) = ':*' then
      char_length(name) > char_length(pattern) - 1 and left(name, char_length(pattern) - 1) = left(pattern, char_length(pattern) - 1)
    else pattern = name
  end
$$;
revoke execute on function app.system_actor_name_matches(text, text) from public;

-- The rows that apply to the calling system actor (none for a member or an unknown name).
create function app.current_system_actor_rights() returns table (table_name text, access text)
language sql stable security definer set search_path = '' as $$
  select r.table_name, r.access from app.system_actor_rights r
  where auth.jwt() ->> 'actor' = 'system'
    and app.system_actor_name_matches(r.system_name, coalesce(auth.jwt() ->> 'system_name', ''))
$$;
revoke execute on function app.current_system_actor_rights() from public;

create or replace function app.has_role(ws uuid, roles text[]) returns boolean
language sql stable security definer set search_path = '' as $$
  select case
    when auth.jwt() ->> 'actor' = 'system' then
      ws = app.current_workspace_id()
      and roles && array['member', 'viewer']
      and exists (select 1 from app.current_system_actor_rights())
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
      case when roles && array['member', 'viewer'] and exists (select 1 from app.current_system_actor_rights())
           then array_remove(array[app.current_workspace_id()], null)
           else '{}'::uuid[] end
    else coalesce(array(
      select m.workspace_id from public.memberships m
      where m.user_id = auth.uid() and m.role = any (roles)
        and (app.current_workspace_id() is null or m.workspace_id = app.current_workspace_id())
    ), '{}'::uuid[])
  end
$$;

create or replace function app.system_actor_may(tbl text, need text) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce(auth.jwt() ->> 'actor', '') <> 'system' or exists (
    select 1 from app.current_system_actor_rights() r
    where r.table_name = tbl and (r.access = 'write' or need = 'read')
  )
$$;

-- 2. The rights of the new jobs ----------------------------------------------------------------

insert into app.system_actor_rights (system_name, table_name, access) values
  ('jobs', 'notifications', 'write'),
  ('kb-indexer', 'kb_article_files', 'write'),
  ('kb-indexer', 'kb_articles', 'read'),
  ('kb-indexer', 'event_outbox', 'write'),
  ('webhook:*', 'integrations', 'write'),
  ('webhook:*', 'audit_log', 'write'),
  ('webhook:*', 'due_work', 'write'),
  ('webhook:*', 'event_outbox', 'write'),
  ('agent-runtime', 'due_work', 'write'),
  ('agent-runtime', 'event_outbox', 'write')
on conflict (system_name, table_name) do nothing;

-- 3. Secrets only for an actor whose job covers the connection ---------------------------------

create or replace function app.integration_secrets(p_id uuid)
returns table (access_token text, refresh_token text, credentials text)
language sql stable security definer set search_path = '' as $$
  select i.access_token, i.refresh_token, i.credentials
  from public.integrations i
  where i.id = p_id
    and auth.jwt() ->> 'actor' = 'system'
    and i.workspace_id = app.current_workspace_id()
    and app.system_actor_may('integrations', 'read')
$$;

-- A system actor whose rights include writing integrations updates its own workspace's
-- connections (re-sealed secrets, refreshed tokens); members still need admin for any change.
create policy integrations_system_update on public.integrations for update to authenticated
  using (auth.jwt() ->> 'actor' = 'system' and workspace_id = any ((select app.writer_workspaces())::uuid[]))
  with check (auth.jwt() ->> 'actor' = 'system' and workspace_id = any ((select app.writer_workspaces())::uuid[]));

-- 4. The password-reset event of the auth role -------------------------------------------------

grant insert on public.event_outbox to app_auth;
create policy event_outbox_auth_insert on public.event_outbox for insert to app_auth
  with check (workspace_id is null and name = 'auth/password-reset.requested'
              and state = 'pending' and attempts = 0 and sent_at is null and dead_at is null and claimed_until is null);

-- 5. The new tables behind the restrictive policies ---------------------------------------------

do $$
declare t regclass;
begin
  for t in
    select c.oid::regclass from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relrowsecurity
      and not exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = 'system_actor_scope')
  loop
    perform app.scope_system_actors(t);
  end loop;
end
$$;
