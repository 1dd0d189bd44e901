-- Creates what Supabase already has (auth schema, auth.uid(), auth.jwt(), the
-- authenticated/anon roles) only where it is absent, so the same migrations run
-- unchanged on Supabase, plain PostgreSQL 15+ and PGlite.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not pg_has_role(current_user, 'authenticated', 'member') then
    execute format('grant authenticated to %I', current_user);
  end if;
end
$$;

create schema if not exists auth;

do $$
begin
  if not exists (
    select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'auth' and p.proname = 'jwt'
  ) then
    execute $fn$
      create function auth.jwt() returns jsonb language sql stable as $body$
        select coalesce(nullif(current_setting('request.jwt.claims', true), '')::jsonb, '{}'::jsonb)
      $body$
    $fn$;
  end if;
  if not exists (
    select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'auth' and p.proname = 'uid'
  ) then
    -- current_setting returns '' (not NULL) once claims were set in a session.
    execute $fn$
      create function auth.uid() returns uuid language sql stable as $body$
        select nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub', '')::uuid
      $body$
    $fn$;
  end if;
end
$$;

do $$
begin
  -- On Supabase these grants exist already and the auth schema is not ours to change.
  if not exists (select 1 from pg_namespace where nspname = 'auth' and pg_get_userbyid(nspowner) like 'supabase%') then
    grant usage on schema auth to authenticated, anon;
    grant execute on all functions in schema auth to authenticated, anon;
  end if;
end
$$;
