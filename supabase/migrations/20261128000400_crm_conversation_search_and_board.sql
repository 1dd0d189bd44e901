-- Search for the conversation list (lib/crm/conversations/list-conversations.ts).
-- Under row-level security PostgreSQL evaluates a query's non-leakproof conditions only after
-- the policies, so `to_tsvector(...) @@ query` (not leakproof) cannot drive the GIN indexes
-- clients_search_idx and messages_search_idx: the match would run row by row over the whole
-- workspace (measured: ~4 s on 40,000 dialogs with 400,000 messages). This function runs the
-- two index lookups as its owner for ONE workspace the caller belongs to (and whose clients,
-- conversations and messages a system actor may read) and returns conversation ids only; the
-- caller filters, orders and pages them under its own policies.
create function app.crm_search_conversation_ids(ws uuid, query tsquery)
returns setof uuid
language plpgsql stable security definer set search_path = '' rows 500 as $$
begin
  if ws is null or query is null or not app.is_member(ws)
     or not app.system_actor_may('conversations', 'read')
     or not app.system_actor_may('clients', 'read')
     or not app.system_actor_may('messages', 'read') then
    return;
  end if;
  return query
    select c.id from public.conversations c
    where c.workspace_id = ws and c.client_id in (
      select cl.id from public.clients cl
      where to_tsvector('simple', cl.search_text) @@ query and cl.workspace_id = ws)
    union
    select m.conversation_id from public.messages m
    where to_tsvector('simple', m.content) @@ query and m.workspace_id = ws;
end
$$;

-- A common search term matches too many messages to collect them all (tens of thousands of
-- rows to fetch); then the list walks its dialogs newest first and tests each one's messages
-- instead, and stops at the page. This says which way: the workspace's matching messages,
-- counted up to `cap`.
create function app.crm_message_hits(ws uuid, query tsquery, cap integer)
returns integer
language plpgsql stable security definer set search_path = '' as $$
declare n integer;
begin
  if ws is null or query is null or not app.is_member(ws) or not app.system_actor_may('messages', 'read') then
    return 0;
  end if;
  select count(*) into n from (
    select 1 from public.messages m
    where to_tsvector('simple', m.content) @@ query and m.workspace_id = ws
    limit greatest(cap, 0)) x;
  return n;
end
$$;

-- Clients of the workspace whose name, phone digits or email match (clients_search_idx).
create function app.crm_search_client_ids(ws uuid, query tsquery)
returns setof uuid
language plpgsql stable security definer set search_path = '' rows 200 as $$
begin
  if ws is null or query is null or not app.is_member(ws) or not app.system_actor_may('clients', 'read') then
    return;
  end if;
  return query
    select cl.id from public.clients cl
    where to_tsvector('simple', cl.search_text) @@ query and cl.workspace_id = ws;
end
$$;

revoke execute on function app.crm_search_conversation_ids(uuid, tsquery) from public;
revoke execute on function app.crm_message_hits(uuid, tsquery, integer) from public;
revoke execute on function app.crm_search_client_ids(uuid, tsquery) from public;
grant execute on function app.crm_search_conversation_ids(uuid, tsquery) to authenticated;
grant execute on function app.crm_message_hits(uuid, tsquery, integer) to authenticated;
grant execute on function app.crm_search_client_ids(uuid, tsquery) to authenticated;

-- The board's per-stage totals (count and sum of price) read from the index alone: the same
-- key as before plus the price (lib/crm/conversations/get-board.ts).
drop index public.conversations_board_idx;
create index conversations_board_idx on public.conversations (workspace_id, stage_id, last_message_at desc, id desc) include (price);
