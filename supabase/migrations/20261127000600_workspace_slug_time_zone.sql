-- The dashboard carries its workspace in the URL (/w/<slug>/...), and every
-- displayed time is shown in the workspace's own time zone.

-- A URL-safe slug from a name: Cyrillic and Kazakh letters transliterated,
-- anything else collapsed to '-', plus 8 hex digits of the id for uniqueness.
create function app.workspace_slug(ws_name text, ws_id uuid) returns text
language sql immutable set search_path = '' as $$
  select concat_ws('-',
    nullif(left(trim(both '-' from regexp_replace(
      replace(replace(replace(replace(replace(replace(replace(
        pg_catalog.translate(lower(coalesce(ws_name, '')),
          'абвгдеёзийклмнопрстуфхыэәғқңөұүһіъь',
          'abvgdeeziiklmnoprstufhyeagqnouuhi'),
        'ж', 'zh'), 'ц', 'ts'), 'ч', 'ch'), 'ш', 'sh'), 'щ', 'sch'), 'ю', 'yu'), 'я', 'ya'),
      '[^a-z0-9]+', '-', 'g')), 40), ''),
    left(replace(ws_id::text, '-', ''), 8))
$$;
revoke execute on function app.workspace_slug(text, uuid) from public;
grant execute on function app.workspace_slug(text, uuid) to authenticated;

alter table public.workspaces add column slug varchar(63);
alter table public.workspaces add column time_zone text not null default 'Asia/Almaty';
update public.workspaces set slug = app.workspace_slug(name, id) where slug is null;
alter table public.workspaces alter column slug set not null;
alter table public.workspaces add constraint workspaces_slug_format
  check (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$');
create unique index workspaces_slug_key on public.workspaces (slug);
-- IANA names only (validated against Intl in lib/); this keeps out obvious junk.
alter table public.workspaces add constraint workspaces_time_zone_format
  check (time_zone ~ '^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}$' and length(time_zone) <= 64);

-- Rows inserted without a slug (sign-up, fixtures) get one from name and id.
-- SECURITY DEFINER so whichever role inserts (member, auth service) needs no
-- EXECUTE on the helper; it reads nothing but NEW and cannot be called directly.
create function app.workspaces_default_slug() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.slug is null then
    new.slug := app.workspace_slug(new.name, new.id);
  end if;
  return new;
end
$$;
revoke execute on function app.workspaces_default_slug() from public;

create trigger workspaces_default_slug before insert on public.workspaces
  for each row execute function app.workspaces_default_slug();

-- Owners and admins edit the time zone in settings (the row policy limits
-- updates to admin workspaces); the slug is fixed once chosen.
grant update (time_zone) on public.workspaces to authenticated;
