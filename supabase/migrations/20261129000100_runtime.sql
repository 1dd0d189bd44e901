-- The agent runtime (issue 8): what a turn records, per-conversation trigger runs, the quota's
-- one-notification marker, questions the agent could not answer, per-workspace synonyms and
-- a workspace's own AI provider keys.
--
-- Rights: members read what the dashboard shows; owner/admin/member write; provider keys are
-- admin-only (and sealed by lib/crypto). The agent-runtime system actor reads the agent's whole
-- configuration and the knowledge base and writes what a turn produces.

-- 1. Agents may answer from the knowledge base only (no model) -----------------------------------

alter table public.agents add column kb_only boolean not null default false;

-- 2. What a turn records on the agent's message ("why this answer") -------------------------------

alter table public.messages
  add column provider varchar(30),
  add column tokens_in integer check (tokens_in is null or tokens_in >= 0),
  add column tokens_out integer check (tokens_out is null or tokens_out >= 0),
  add column cost_usd numeric(12, 6) check (cost_usd is null or cost_usd >= 0),
  -- {mode, language, queries[], articles[{id,title,score}], triggers[{id,name,actions}],
  --  tools[{name,arguments,status,reason}], fields_changed[{entity,code,old,new}],
  --  context_extracted, no_answer, stage_id, channel_type, error}
  add column turn jsonb not null default '{}'::jsonb;

-- 3. Trigger runs per conversation (run_limit is per conversation) ------------------------------

create table public.trigger_runs (
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  trigger_id uuid not null references public.triggers(id) on delete cascade,
  conversation_id uuid not null,
  runs_count integer not null default 0 check (runs_count >= 0),
  last_run_at timestamptz not null default now(),
  primary key (trigger_id, conversation_id),
  foreign key (conversation_id, workspace_id) references public.conversations(id, workspace_id) on delete cascade
);
create index trigger_runs_conversation_idx on public.trigger_runs (conversation_id);
create index trigger_runs_workspace_idx on public.trigger_runs (workspace_id);

-- 4. Quota: one notification per exhaustion ---------------------------------------------------

alter table public.workspaces add column quota_notified_at timestamptz;

-- A successful count clears the marker (the limit was raised or reset), so the next
-- exhaustion notifies again.
create or replace function app.count_ai_response(ws uuid) returns boolean
language plpgsql security definer set search_path = '' as $$
begin
  if coalesce(auth.jwt() ->> 'actor', '') <> 'system' or coalesce(auth.jwt() ->> 'system_name', '') <> 'agent-runtime'
     or ws is distinct from app.current_workspace_id() then
    raise exception 'only the agent-runtime system actor of this workspace counts AI responses' using errcode = '42501';
  end if;
  update public.workspaces set ai_responses_used = ai_responses_used + 1, quota_notified_at = null
  where id = ws and ai_responses_used < ai_responses_limit;
  return found;
end
$$;

-- Gives back a response counted for a turn that then failed (provider outage): nothing billed
-- for an answer the customer never got.
create function app.refund_ai_response(ws uuid) returns boolean
language plpgsql security definer set search_path = '' as $$
begin
  if coalesce(auth.jwt() ->> 'actor', '') <> 'system' or coalesce(auth.jwt() ->> 'system_name', '') <> 'agent-runtime'
     or ws is distinct from app.current_workspace_id() then
    raise exception 'only the agent-runtime system actor of this workspace refunds AI responses' using errcode = '42501';
  end if;
  update public.workspaces set ai_responses_used = ai_responses_used - 1
  where id = ws and ai_responses_used > 0;
  return found;
end
$$;

-- True exactly once per exhaustion: the caller that gets true notifies the owner.
create function app.mark_quota_notified(ws uuid) returns boolean
language plpgsql security definer set search_path = '' as $$
begin
  if coalesce(auth.jwt() ->> 'actor', '') <> 'system' or coalesce(auth.jwt() ->> 'system_name', '') <> 'agent-runtime'
     or ws is distinct from app.current_workspace_id() then
    raise exception 'only the agent-runtime system actor of this workspace marks the quota' using errcode = '42501';
  end if;
  update public.workspaces set quota_notified_at = now()
  where id = ws and quota_notified_at is null and ai_responses_used >= ai_responses_limit;
  return found;
end
$$;

revoke execute on function app.count_ai_response(uuid) from public;
revoke execute on function app.refund_ai_response(uuid) from public;
revoke execute on function app.mark_quota_notified(uuid) from public;
grant execute on function app.count_ai_response(uuid) to authenticated;
grant execute on function app.refund_ai_response(uuid) to authenticated;
grant execute on function app.mark_quota_notified(uuid) to authenticated;

-- Notifications carry their parameters so the dashboard can show them in the reader's language
-- (title/description stay as a Russian fallback for API clients and Telegram).
alter table public.notifications add column data jsonb not null default '{}'::jsonb;

-- 5. Questions the agent could not answer ----------------------------------------------------

create table public.kb_unanswered_questions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  agent_id uuid references public.agents(id) on delete set null,
  conversation_id uuid,
  -- The customer's words as asked the last time (trimmed to 2000 characters).
  question text not null check (char_length(btrim(question)) > 0),
  -- Normalised form (lower case, collapsed spaces, no punctuation) that groups repeats.
  question_key varchar(500) not null,
  source varchar(20) not null default 'channel' check (source in ('channel', 'test_chat')),
  asked_count integer not null default 1 check (asked_count > 0),
  first_asked_at timestamptz not null default now(),
  last_asked_at timestamptz not null default now(),
  status varchar(20) not null default 'open' check (status in ('open', 'resolved', 'dismissed')),
  resolved_article_id integer,
  resolved_by uuid references public.users(id) on delete set null,
  resolved_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, question_key),
  foreign key (conversation_id, workspace_id) references public.conversations(id, workspace_id) on delete set null (conversation_id),
  foreign key (workspace_id, resolved_article_id) references public.kb_articles(workspace_id, id) on delete set null (resolved_article_id)
);
create index kb_unanswered_questions_list_idx on public.kb_unanswered_questions (workspace_id, status, last_asked_at desc);

-- 6. Per-workspace synonyms, applied to queries like the built-in lexicon ------------------------

create table public.kb_synonyms (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  -- The customer's word or phrase and what it means in the knowledge base's words.
  term varchar(100) not null check (char_length(btrim(term)) > 0),
  synonyms text[] not null check (cardinality(synonyms) between 1 and 20),
  created_by uuid references public.users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index kb_synonyms_term_unique on public.kb_synonyms (workspace_id, lower(term));

-- 7. A workspace's own AI provider keys (sealed by lib/crypto/secrets.ts) -------------------------

create table public.workspace_ai_keys (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  provider varchar(30) not null check (provider in ('openai', 'openrouter', 'gemini', 'custom')),
  api_key_sealed text not null,
  -- The last four characters, to tell keys apart without revealing them.
  key_hint varchar(8) not null,
  base_url varchar(500),
  created_by uuid references public.users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, provider)
);

-- 8. Row-level security ------------------------------------------------------------------------

do $$
declare t text;
begin
  foreach t in array array['trigger_runs', 'kb_unanswered_questions', 'kb_synonyms'] loop
    execute format('alter table public.%I enable row level security', t);
    execute format('create policy %I on public.%I for select to authenticated using (workspace_id = any ((select app.member_workspaces())::uuid[]))', t || '_select', t);
    execute format('create policy %I on public.%I for insert to authenticated with check (workspace_id = any ((select app.writer_workspaces())::uuid[]))', t || '_insert', t);
    execute format('create policy %I on public.%I for update to authenticated using (workspace_id = any ((select app.writer_workspaces())::uuid[])) with check (workspace_id = any ((select app.writer_workspaces())::uuid[]))', t || '_update', t);
    execute format('create policy %I on public.%I for delete to authenticated using (workspace_id = any ((select app.writer_workspaces())::uuid[]))', t || '_delete', t);
    execute format('grant select, insert, delete on public.%I to authenticated', t);
    perform app.scope_system_actors(format('public.%I', t)::regclass);
  end loop;
end
$$;

alter table public.workspace_ai_keys enable row level security;
-- Admins manage keys; the agent-runtime system actor reads them (has_role lets a system actor
-- with rights count as member-level, so the select policy names member too for it).
create policy workspace_ai_keys_select on public.workspace_ai_keys for select to authenticated
  using (workspace_id = any ((select app.admin_workspaces())::uuid[])
         or (auth.jwt() ->> 'actor' = 'system' and workspace_id = any ((select app.member_workspaces())::uuid[])));
create policy workspace_ai_keys_insert on public.workspace_ai_keys for insert to authenticated
  with check (workspace_id = any ((select app.admin_workspaces())::uuid[]));
create policy workspace_ai_keys_update on public.workspace_ai_keys for update to authenticated
  using (workspace_id = any ((select app.admin_workspaces())::uuid[]))
  with check (workspace_id = any ((select app.admin_workspaces())::uuid[]));
create policy workspace_ai_keys_delete on public.workspace_ai_keys for delete to authenticated
  using (workspace_id = any ((select app.admin_workspaces())::uuid[]));
grant select, insert, delete on public.workspace_ai_keys to authenticated;
select app.scope_system_actors('public.workspace_ai_keys');

-- Column-level UPDATE: ids, workspace, creator and creation time never change.
grant update (runs_count, last_run_at) on public.trigger_runs to authenticated;
grant update (agent_id, conversation_id, question, source, asked_count, last_asked_at, status, resolved_article_id,
  resolved_by, resolved_at, updated_at) on public.kb_unanswered_questions to authenticated;
grant update (term, synonyms, updated_at) on public.kb_synonyms to authenticated;
grant update (api_key_sealed, key_hint, base_url, updated_at) on public.workspace_ai_keys to authenticated;

-- 9. What the agent runtime reads and writes -------------------------------------------------

insert into app.system_actor_rights (system_name, table_name, access) values
  ('agent-runtime', 'agent_knowledge_base', 'read'),
  ('agent-runtime', 'agent_channels', 'read'),
  ('agent-runtime', 'triggers', 'read'),
  ('agent-runtime', 'trigger_actions', 'read'),
  ('agent-runtime', 'trigger_runs', 'write'),
  ('agent-runtime', 'company_knowledge', 'read'),
  ('agent-runtime', 'sales_scripts', 'read'),
  ('agent-runtime', 'objection_responses', 'read'),
  ('agent-runtime', 'kb_search_terms', 'read'),
  ('agent-runtime', 'kb_search_stats', 'read'),
  ('agent-runtime', 'kb_synonyms', 'read'),
  ('agent-runtime', 'kb_unanswered_questions', 'write'),
  ('agent-runtime', 'workspace_ai_keys', 'read'),
  ('agent-runtime', 'memberships', 'read')
on conflict (system_name, table_name) do nothing;
