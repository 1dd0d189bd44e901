-- Embeddings for knowledge-base chunks, only where pgvector is installed
-- (semantic search is off otherwise; full-text search works either way).
do $$
begin
  if not exists (select 1 from pg_extension where extname = 'vector') then
    raise notice 'pgvector is not available: kb_chunks.embedding not created, semantic search is off';
    return;
  end if;
  execute 'alter table public.kb_chunks add column embedding vector(1536)';
  execute 'create index kb_chunks_embedding_idx on public.kb_chunks using hnsw (embedding vector_cosine_ops)';
end
$$;
