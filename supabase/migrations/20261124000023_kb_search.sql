-- Knowledge-base search support (lib/kb/search).
--
-- 1. Typo tolerance: each workspace's vocabulary (the words of its chunks), kept by a
--    trigger on kb_chunks and searched by trigram similarity (pg_trgm, where available).
-- 2. Search reads through security-definer functions that check membership ONCE and then
--    filter by the workspace explicitly. Under the row policies, app.is_member() runs for
--    every row a scan visits (measured on PGlite: ~170 µs a row, seconds for a broad query
--    over 50,000 chunks); these functions keep the same wall (no membership, no rows) at
--    the cost of one check per query. They only read, and only the given workspace.

do $$
begin
  if exists (select 1 from pg_extension where extname = 'pg_trgm') then
    return;
  elsif exists (select 1 from pg_available_extensions where name = 'pg_trgm') then
    create extension pg_trgm;
  else
    raise notice 'pg_trgm is not available on this server: knowledge-base search will not correct typos';
  end if;
end
$$;

-- The vocabulary: every word (simple config) of a workspace's chunks with the number of
-- chunks that contain it, and the workspace's chunk count. Search reads them to weigh
-- query words (rare words matter more) and to decide which words may pull candidates from
-- the GIN index without visiting a large part of the table; typo correction searches it
-- by trigram similarity.
create table public.kb_search_terms (
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  term varchar(64) not null,
  ndoc integer not null default 0,
  primary key (workspace_id, term)
);
-- Prefix lookups (term like 'экра%') whatever the database collation.
create index kb_search_terms_prefix_idx on public.kb_search_terms (workspace_id, term varchar_pattern_ops);

create table public.kb_search_stats (
  workspace_id uuid primary key references public.workspaces(id) on delete cascade,
  chunks integer not null default 0
);

alter table public.kb_search_terms enable row level security;
alter table public.kb_search_stats enable row level security;
create policy kb_search_terms_select on public.kb_search_terms for select to authenticated
  using (workspace_id = any ((select app.member_workspaces())::uuid[]));
create policy kb_search_stats_select on public.kb_search_stats for select to authenticated
  using (workspace_id = any ((select app.member_workspaces())::uuid[]));
grant select on public.kb_search_terms, public.kb_search_stats to authenticated;

-- Counts are kept by triggers on kb_chunks (security definer: whoever writes chunks, a
-- member or a system actor, need not write these tables). Rows are upserted in term
-- order, so concurrent saves in one workspace queue up on shared words, never deadlock.
create function app.kb_count_search_terms(workspace_ids uuid[], bodies text[], sign integer) returns void
language plpgsql security definer set search_path = '' as $$
begin
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

create function app.kb_chunks_terms_insert() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform app.kb_count_search_terms(
    (select array_agg(n.workspace_id) from new_chunks n),
    (select array_agg(n.title || ' ' || n.content) from new_chunks n), 1);
  return null;
end
$$;

create function app.kb_chunks_terms_delete() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform app.kb_count_search_terms(
    (select array_agg(o.workspace_id) from old_chunks o),
    (select array_agg(o.title || ' ' || o.content) from old_chunks o), -1);
  return null;
end
$$;

-- Chunks are replaced rather than edited (lib/kb/indexing/rebuild-chunks.ts); an edit of
-- their text is still counted, row by row.
create function app.kb_chunks_terms_update() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform app.kb_count_search_terms(array[old.workspace_id], array[old.title || ' ' || old.content], -1);
  perform app.kb_count_search_terms(array[new.workspace_id], array[new.title || ' ' || new.content], 1);
  return null;
end
$$;

create trigger kb_chunks_search_terms_insert
  after insert on public.kb_chunks
  referencing new table as new_chunks
  for each statement execute function app.kb_chunks_terms_insert();
create trigger kb_chunks_search_terms_delete
  after delete on public.kb_chunks
  referencing old table as old_chunks
  for each statement execute function app.kb_chunks_terms_delete();
create trigger kb_chunks_search_terms_update
  after update of title, content on public.kb_chunks
  for each row when (old.title is distinct from new.title or old.content is distinct from new.content)
  execute function app.kb_chunks_terms_update();

-- Chunks that exist already.
select app.kb_count_search_terms(array_agg(workspace_id), array_agg(title || ' ' || content), 1)
from public.kb_chunks having count(*) > 0;

-- Weights for query words: for each item (a lexeme, or a prefix when it ends with '*'),
-- the number of chunks having a word that starts with it (an upper bound for a stem,
-- exact for a whole word), and the workspace's chunk count.
create function app.kb_term_frequencies(ws uuid, items text[])
returns table (item text, ndoc bigint, chunks integer)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not app.is_member(ws) then
    return;
  end if;
  return query
    select i.item,
      (select coalesce(sum(t.ndoc), 0)::bigint from public.kb_search_terms t
        where t.workspace_id = ws
          and t.term::text ~>=~ rtrim(i.item, '*') and t.term::text ~<~ (rtrim(i.item, '*') || chr(1114111))),
      coalesce((select s.chunks from public.kb_search_stats s where s.workspace_id = ws), 0)
    from unnest(items) as i(item);
end
$$;
grant execute on function app.kb_term_frequencies(uuid, text[]) to authenticated;

-- Full-text candidates: chunks whose search_vector matches the query, with the vector itself
-- so the caller can score without reading the table again. In scope: this workspace, the
-- active flag when given (null: both) and, when category ids are given, articles in those
-- categories or their subcategories (a category's path ends with its own id, so its subtree
-- is every path starting with it).
-- The plan is pinned: the GIN index drives the scan and articles are looked up by key. The
-- planner overestimates OR/prefix tsqueries badly and would otherwise walk the whole
-- workspace through its btree index (measured: 0.8 s instead of 0.1 s on 50,000 chunks), so
-- the workspace test is written in a form no btree index matches. On a server shared by
-- many workspaces the GIN scan also sees other workspaces' matches, which this test drops.
create function app.kb_fulltext_candidates(ws uuid, query tsquery, active boolean, category_ids uuid[], max_rows integer)
returns table (chunk_id uuid, article_id integer, search_vector tsvector)
language plpgsql stable security definer set search_path = ''
set enable_seqscan = off set enable_hashjoin = off set enable_mergejoin = off as $$
begin
  if not app.is_member(ws) then
    return;
  end if;
  -- Dynamic SQL: planned with the actual query and scope, never a generic plan. Appending
  -- an empty tsvector detoasts the vector once here, not at every match the caller makes.
  return query execute
    'select c.id, c.article_id, c.search_vector || ''''::tsvector
     from public.kb_chunks c
     where c.search_vector @@ $2 and coalesce(c.workspace_id = $1, false)
       and exists (
         select 1 from public.kb_articles a
         where a.id = c.article_id and a.workspace_id = $1
           and ($3::boolean is null or a.is_active = $3)
           and ($4::uuid[] is null or exists (
             select 1 from public.kb_article_categories ac
             join public.kb_categories cat on cat.id = ac.category_id and cat.workspace_id = $1
             join public.kb_categories root on root.workspace_id = $1 and root.id = any ($4)
             where ac.article_id = a.id and ac.workspace_id = $1 and cat.path like root.path || ''%'')))
     limit $5'
    using ws, query, active, category_ids, max_rows;
end
$$;

grant execute on function app.kb_fulltext_candidates(uuid, tsquery, boolean, uuid[], integer) to authenticated;

-- Nearest chunks by cosine distance (pgvector only). The iterative index scan keeps going
-- while the workspace and scope filters drop rows, up to max_scan tuples; relaxed order
-- means the caller re-sorts.
do $$
declare vector_schema text;
begin
  select n.nspname into vector_schema
  from pg_extension e join pg_namespace n on n.oid = e.extnamespace
  where e.extname = 'vector';
  if vector_schema is null then
    return;
  end if;
  execute format($fn$
    create function app.kb_nearest_chunks(ws uuid, query %1$I.vector, active boolean, category_ids uuid[], k integer, max_scan integer)
    returns table (chunk_id uuid, article_id integer, distance double precision)
    language plpgsql volatile security definer set search_path = pg_catalog, %1$I as $body$
    begin
      if not app.is_member(ws) then
        return;
      end if;
      perform set_config('hnsw.iterative_scan', 'relaxed_order', true);
      perform set_config('hnsw.max_scan_tuples', max_scan::text, true);
      perform set_config('hnsw.ef_search', least(greatest(k, 40), 1000)::text, true);
      return query execute
        'select c.id, c.article_id, (c.embedding <=> $2)::double precision
         from public.kb_chunks c
         where c.workspace_id = $1 and c.embedding is not null
           and exists (
             select 1 from public.kb_articles a
             where a.id = c.article_id and a.workspace_id = $1
               and ($3::boolean is null or a.is_active = $3)
               and ($4::uuid[] is null or exists (
                 select 1 from public.kb_article_categories ac
                 join public.kb_categories cat on cat.id = ac.category_id and cat.workspace_id = $1
                 join public.kb_categories root on root.workspace_id = $1 and root.id = any ($4)
                 where ac.article_id = a.id and ac.workspace_id = $1 and cat.path like root.path || ''%%'')))
         order by c.embedding <=> $2
         limit $5'
        using ws, query, active, category_ids, k;
    end
    $body$
  $fn$, vector_schema);
  execute format('grant execute on function app.kb_nearest_chunks(uuid, %I.vector, boolean, uuid[], integer, integer) to authenticated', vector_schema);
end
$$;

-- The typo lookup: for words the workspace does not have, its nearest words (letters only).
-- Always through the trigram index. Created only with pg_trgm, whose schema differs
-- between servers (public; extensions on Supabase).
do $$
declare trgm_schema text;
begin
  select n.nspname into trgm_schema
  from pg_extension e join pg_namespace n on n.oid = e.extnamespace
  where e.extname = 'pg_trgm';
  if trgm_schema is null then
    return;
  end if;
  execute format('create index kb_search_terms_trgm_idx on public.kb_search_terms using gin (term %I.gin_trgm_ops)', trgm_schema);
  execute format($fn$
    create function app.kb_similar_terms(ws uuid, words text[], threshold real)
    returns table (word text, term text, sim real, ru text[])
    language plpgsql stable security definer
    set search_path = pg_catalog, %I
    set enable_seqscan = off
    as $body$
    begin
      if not app.is_member(ws) then
        return;
      end if;
      perform set_config('pg_trgm.similarity_threshold', threshold::text, true);
      return query
        select w.word, s.term::text, s.sim, tsvector_to_array(to_tsvector('russian'::regconfig, s.term))
        from unnest(words) as w(word)
        cross join lateral (
          select k.term, similarity(k.term, w.word) as sim
          from (select t.workspace_id, t.term from public.kb_search_terms t where t.term %% w.word offset 0) k
          where k.workspace_id = ws and char_length(k.term) >= 3 and k.term !~ '[0-9_]'
          order by 2 desc
          limit 12
        ) s
        where not exists (select 1 from public.kb_search_terms x where x.workspace_id = ws and x.term = w.word);
    end
    $body$
  $fn$, trgm_schema);
  execute 'grant execute on function app.kb_similar_terms(uuid, text[], real) to authenticated';
end
$$;
