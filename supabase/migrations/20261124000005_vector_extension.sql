-- pgvector, where the server has it. Without it semantic search is off and
-- everything else works; later vector migrations check for the extension too.
do $$
begin
  if exists (select 1 from pg_extension where extname = 'vector') then
    return;
  end if;
  begin
    create extension vector;
  exception when others then
    raise notice 'pgvector is not available on this server (%): semantic search is off', sqlerrm;
  end;
end
$$;
