-- The invitee is not yet a member, so RLS hides the invitation from them; these
-- two functions let exactly the invited email see and accept it.
create function app.invitation_preview(p_token_hash text)
returns table (workspace_id uuid, workspace_name text, email text, role text, expired boolean, accepted boolean)
language sql stable security definer set search_path = '' as $$
  select i.workspace_id, w.name::text, i.email::text, i.role::text, i.expires_at <= now(), i.accepted_at is not null
  from public.invitations i join public.workspaces w on w.id = i.workspace_id
  where i.token_hash = p_token_hash and auth.uid() is not null
$$;

create function app.accept_invitation(p_token_hash text)
returns table (workspace_id uuid, role text)
language plpgsql security definer set search_path = '' as $$
declare
  inv public.invitations;
  me public.users;
begin
  select * into me from public.users u where u.id = auth.uid();
  if me.id is null then
    raise exception 'not authenticated' using errcode = '28000';
  end if;
  select * into inv from public.invitations i where i.token_hash = p_token_hash for update;
  if inv.id is null or inv.accepted_at is not null or inv.expires_at <= now() then
    raise exception 'invitation is invalid, expired or already used' using errcode = 'P0002';
  end if;
  if lower(inv.email) <> lower(me.email) then
    raise exception 'invitation was sent to another email' using errcode = '42501';
  end if;
  insert into public.memberships (workspace_id, user_id, role)
    values (inv.workspace_id, me.id, inv.role)
    on conflict on constraint memberships_workspace_id_user_id_key do nothing;
  update public.invitations set accepted_at = now() where id = inv.id;
  update public.users set last_workspace_id = inv.workspace_id where id = me.id;
  return query select inv.workspace_id, inv.role::text;
end
$$;

grant execute on function app.invitation_preview(text), app.accept_invitation(text) to authenticated;
