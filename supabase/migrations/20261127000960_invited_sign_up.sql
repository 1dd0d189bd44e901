-- Signing up from an invitation link (lib/team/sign-up-invitation.ts) runs in the auth
-- service's transaction as app_auth, which so far could only create a brand-new workspace
-- and make its creator the owner. It now may also:
--   * read a pending, unexpired invitation (the code looks it up by its token's hash, which
--     only the holder of the link knows) and mark it accepted;
--   * add the new account to that invitation's workspace with the invited role, only for an
--     invitation to the account's own e-mail accepted in this very transaction.
grant select on public.invitations to app_auth;
grant update (accepted_at) on public.invitations to app_auth;

create policy invitations_auth_select on public.invitations for select to app_auth
  using (accepted_at is null and expires_at > now() or accepted_at = now());
create policy invitations_auth_accept on public.invitations for update to app_auth
  using (accepted_at is null and expires_at > now())
  with check (accepted_at = now());

create policy memberships_auth_insert_invited on public.memberships for insert to app_auth
  with check (exists (
    select 1
    from public.invitations i
    join public.users u on u.id = memberships.user_id
    where i.workspace_id = memberships.workspace_id
      and lower(i.email) = lower(u.email)
      and i.role = memberships.role
      and i.accepted_at = now()));
