-- `chains.runs_count` (how many runs a chain started; run_limit counts against it) and
-- `chains.version` (bumped on each edit; runs keep the version they started with) are the
-- system's: members keep the whole-row UPDATE grant of issue 7 for the editor's fields, but may
-- not set runs_count at all (a new chain starts at 0, version 1), and may only move version on by one (the editor's bump on save).
create function app.guard_chain_system_columns() returns trigger
language plpgsql security invoker set search_path = '' as $$
begin
  if current_user <> 'authenticated' or coalesce(auth.jwt() ->> 'actor', '') = 'system' then
    return new;
  end if;
  if tg_op = 'INSERT' then
    -- A new chain (or a copy of an agent's) starts counting afresh.
    new.runs_count := 0;
    new.version := 1;
  elsif new.runs_count is distinct from old.runs_count
     or (new.version is distinct from old.version and new.version <> old.version + 1) then
    raise exception 'runs_count and version of a chain are written by the system' using errcode = '42501';
  end if;
  return new;
end
$$;
revoke execute on function app.guard_chain_system_columns() from public, anon, authenticated;
create trigger chains_system_columns_guard before insert or update on public.chains
  for each row execute function app.guard_chain_system_columns();
