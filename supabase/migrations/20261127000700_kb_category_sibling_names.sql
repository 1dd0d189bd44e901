-- Sibling categories get distinct names, compared case-insensitively. Existing duplicates
-- (accepted before this check existed) keep their oldest row's name; the others get a
-- numbered suffix, or, when a sibling already has that name, a suffix from their own id.
with ranked as (
  select id, row_number() over (
           partition by workspace_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name)
           order by created_at, id) as rn
  from public.kb_categories
)
update public.kb_categories c
set name = case
  when exists (
    select 1 from public.kb_categories o
    where o.workspace_id = c.workspace_id
      and o.parent_id is not distinct from c.parent_id
      and lower(o.name) = lower(left(c.name, 240) || ' (' || r.rn || ')'))
  then left(c.name, 240) || ' (' || left(c.id::text, 8) || ')'
  else left(c.name, 240) || ' (' || r.rn || ')'
end
from ranked r
where r.id = c.id and r.rn > 1;

create unique index kb_categories_sibling_name_key on public.kb_categories
  (workspace_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));
