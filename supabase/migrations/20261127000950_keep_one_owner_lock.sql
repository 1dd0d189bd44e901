-- The last-owner trigger serialised on the workspace row with FOR UPDATE, which also
-- conflicts with the KEY SHARE lock every insert referencing the workspace takes (the
-- audit row written in the same transaction). Two owners demoting each other at once
-- could then deadlock (each holding KEY SHARE, each waiting for FOR UPDATE): one
-- request answered 500. FOR NO KEY UPDATE still serialises the owner checks with each
-- other but leaves foreign-key checks alone.
create or replace function app.keep_one_owner() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if old.role <> 'owner' or (tg_op = 'UPDATE' and new.role = 'owner' and new.workspace_id = old.workspace_id) then
    return null;
  end if;
  perform 1 from public.workspaces w where w.id = old.workspace_id for no key update;
  if not found then
    return null;
  end if;
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
