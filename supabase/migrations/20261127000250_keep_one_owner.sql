-- A workspace always keeps an owner, even when two requests demote or remove its
-- last two owners at once: the check lives in the database, serialised on the
-- workspace row, so no interleaving of concurrent transactions can pass it twice.
create function app.keep_one_owner() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if old.role <> 'owner' or (tg_op = 'UPDATE' and new.role = 'owner' and new.workspace_id = old.workspace_id) then
    return null;
  end if;
  -- Waits for any other transaction changing this workspace's owners; a workspace
  -- being deleted (its memberships cascade) is gone already and needs no owner.
  perform 1 from public.workspaces w where w.id = old.workspace_id for update;
  if not found then
    return null;
  end if;
  -- A fresh snapshot (read committed) sees what the transaction we waited for did.
  if not exists (
    select 1 from public.memberships m where m.workspace_id = old.workspace_id and m.role = 'owner'
  ) then
    raise exception 'a workspace needs at least one owner'
      using errcode = '23514', constraint = 'memberships_keep_one_owner';
  end if;
  return null;
end
$$;
revoke execute on function app.keep_one_owner() from public;

create trigger memberships_keep_one_owner
  after update of role, workspace_id or delete on public.memberships
  for each row execute function app.keep_one_owner();
