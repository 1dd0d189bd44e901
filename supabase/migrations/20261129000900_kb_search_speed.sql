-- Knowledge-base search speed on PostgreSQL (bench:kb / bench:turn, issue 8).
--
-- The search functions plan with enable_seqscan = off, which prices every sequential scan at
-- 10^10 — including the tiny ones run by the RLS helpers they call (system_actor_rights) — so
-- PostgreSQL's JIT kicked in and compiled each call: ~200 ms of JIT per search on a server
-- with the default jit = on (Supabase included). And the candidate pull ran as a parallel
-- query whose workers shipped every detoasted tsvector through the tuple queue (~350 ms on
-- 20,000 articles) for rows a single process reads in a few milliseconds.
-- Measured on 22,000 articles, PostgreSQL 15, one search: 626 ms → 69 ms with both off.

alter function app.kb_fulltext_candidates(uuid, tsquery, boolean, uuid[], integer)
  set jit = off;
alter function app.kb_fulltext_candidates(uuid, tsquery, boolean, uuid[], integer)
  set max_parallel_workers_per_gather = 0;

do $$
declare f regprocedure;
begin
  for f in
    select p.oid::regprocedure from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'app' and p.proname in ('kb_similar_terms', 'kb_nearest_chunks', 'kb_term_frequencies')
  loop
    execute format('alter function %s set jit = off', f);
  end loop;
end
$$;
