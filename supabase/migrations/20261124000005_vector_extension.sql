-- pgvector, where the server has it. Without it semantic search is off and
-- everything else works; later vector migrations check for the extension too.
do $$
begin
  if exists (select 1 from pg_extension where extname = 'vector') then
    return;
  elsif exists (select 1 from pg_available_extensions where name = 'vector') then
    create extension vector;
  else
    raise notice 'pgvector is not available on this server: semantic search is off';
  end if;
end
$$;
