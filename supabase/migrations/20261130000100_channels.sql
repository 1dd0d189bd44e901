-- Messenger channels and the live inbox (issue 9): Telegram, WhatsApp and the site widget as
-- integrations with health, raw inbound updates stored idempotently, who holds a conversation
-- (agent / human until a time), the off-hours notice, AI suggestions for operators, owners'
-- Telegram links, and the realtime event log the dashboard streams from.
--
-- Rights: members read; admins connect and configure; the `channels` system actor runs the
-- inbound path, the delayed reply, delivery, takeover resume and owner notifications.

-- 1. Connections: name, pipeline binding, a public key (widget), health --------------------------

alter table public.integrations
  add column name varchar(255),
  -- New conversations from this connection start in this pipeline (seed 002 messenger connections).
  add column pipeline_id uuid,
  -- Public, non-secret key naming the connection in URLs a browser sees (web chat widget).
  add column public_key varchar(64) unique,
  -- none | set (webhook registered) | polling (getUpdates mode) | failed
  add column webhook_status varchar(20) not null default 'none' check (webhook_status in ('none', 'set', 'polling', 'failed')),
  add column last_inbound_at timestamptz,
  add column last_outbound_at timestamptz,
  add column last_error text,
  add column last_error_at timestamptz,
  add foreign key (pipeline_id, workspace_id) references public.pipelines (id, workspace_id) on delete set null (pipeline_id);

grant select (name, pipeline_id, public_key, webhook_status, last_inbound_at, last_outbound_at, last_error, last_error_at)
  on public.integrations to authenticated;
grant insert (name, pipeline_id, public_key, webhook_status) on public.integrations to authenticated;
grant update (name, pipeline_id, public_key, webhook_status, last_inbound_at, last_outbound_at, last_error, last_error_at)
  on public.integrations to authenticated;

-- Widget key -> its connection, for the public widget endpoints (role app_webhooks only).
create function app.widget_connection(p_key text)
returns table (id uuid, workspace_id uuid, integration_type varchar, is_active boolean, config jsonb)
language sql stable security definer set search_path = '' as $$
  select i.id, i.workspace_id, i.integration_type, i.is_active, i.config
  from public.integrations i where i.public_key = p_key and i.integration_type = 'web_chat'
$$;
revoke execute on function app.widget_connection(text) from public, anon, authenticated;
grant execute on function app.widget_connection(text) to app_webhooks;

-- 2. Raw inbound updates, stored once per provider id -------------------------------------------

create table public.channel_updates (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  integration_id uuid not null references public.integrations(id) on delete cascade,
  -- Telegram update_id, WhatsApp message id (wamid...), widget client message id.
  update_key varchar(255) not null check (char_length(update_key) > 0),
  payload jsonb not null,
  state varchar(20) not null default 'pending' check (state in ('pending', 'processed', 'ignored', 'failed')),
  error text,
  -- The message it became (null until processed, or when ignored).
  message_id uuid,
  received_at timestamptz not null default now(),
  processed_at timestamptz,
  unique (integration_id, update_key)
);
create index channel_updates_workspace_idx on public.channel_updates (workspace_id, received_at desc);
create index channel_updates_pending_idx on public.channel_updates (received_at) where state = 'pending';

-- 3. Who holds a conversation, the off-hours notice, the 24-hour window ---------------------------

alter table public.conversations
  -- The member who paused the agent or took the conversation over.
  add column paused_by_user_id uuid references public.users(id) on delete set null,
  -- When a paused agent resumes by itself (auto_resume_after); null = until someone resumes it.
  add column resume_at timestamptz,
  -- The customer's last inbound message (WhatsApp's 24-hour window, supersede checks).
  add column last_inbound_at timestamptz,
  -- Set when the conversation waits for a person (no active agent, handover asked, agent error);
  -- cleared by an operator's reply or a hand-back. The inbox's "needs a human" filter.
  add column needs_human_since timestamptz,
  -- The off-hours message went out at this time (once per closed period).
  add column off_hours_notified_at timestamptz;
create index conversations_needs_human_idx on public.conversations (workspace_id, needs_human_since) where needs_human_since is not null;

grant update (paused_by_user_id, resume_at, last_inbound_at, needs_human_since, off_hours_notified_at)
  on public.conversations to authenticated;

alter table public.messages add column sent_at timestamptz;
grant update (sent_at) on public.messages to authenticated;

-- 4. Agents: the message sent outside working hours (null: say nothing, answer when it opens) -----

alter table public.agents add column off_hours_message text check (off_hours_message is null or char_length(off_hours_message) <= 4096);

-- The runtime migration added agents.kb_only and notifications.data to tables whose UPDATE was
-- granted whole: a member could rewrite an agent's workspace, creator and counters, or a
-- notification's type and text. Now only the columns people edit are updatable.
revoke update on public.agents from authenticated;
grant update (name, is_active, model, system_instructions, check_before_send, kb_only, auto_detect_language,
  response_language, creativity_level, response_delay_seconds, schedule_enabled, working_schedule, off_hours_message,
  updated_at) on public.agents to authenticated;
revoke update on public.notifications from authenticated;
grant update (is_read, read_at) on public.notifications to authenticated;

-- 5. AI suggestions for operators (seed 004) ---------------------------------------------------

create table public.ai_suggestions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  conversation_id uuid not null,
  -- The customer message it answers.
  message_id uuid,
  suggestion_type varchar(30) not null check (suggestion_type in ('quick_reply', 'price_suggestion', 'schedule_slot')),
  content text not null check (char_length(content) between 1 and 4096),
  confidence numeric(3, 2) not null default 0.5 check (confidence between 0 and 1),
  action varchar(30) not null check (action in ('send_message', 'update_context')),
  -- update_context: {"context": {...}}; price_suggestion: {"price_item_ids": [...]}.
  payload jsonb not null default '{}'::jsonb check (jsonb_typeof(payload) = 'object'),
  status varchar(20) not null default 'pending' check (status in ('pending', 'applied', 'dismissed', 'expired')),
  dismiss_reason varchar(500),
  decided_by uuid references public.users(id) on delete set null,
  decided_at timestamptz,
  -- The message an applied send_message suggestion became.
  result_message_id uuid,
  created_at timestamptz not null default now(),
  foreign key (conversation_id, workspace_id) references public.conversations (id, workspace_id) on delete cascade
);
create index ai_suggestions_conversation_idx on public.ai_suggestions (conversation_id, created_at desc);
create index ai_suggestions_workspace_idx on public.ai_suggestions (workspace_id, created_at desc);

-- 6. Owners' Telegram: a member links a chat with a one-time code sent to the workspace's bot ----

create table public.telegram_owner_links (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  user_id uuid not null references public.users(id) on delete cascade,
  -- sha256 hex of the one-time code; null once used.
  code_hash varchar(64) unique,
  code_expires_at timestamptz,
  chat_id varchar(64),
  chat_username varchar(255),
  linked_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, user_id)
);

-- 7. Realtime: an append-only log, gap-free per workspace ----------------------------------------
-- seq comes from a per-workspace counter row updated in the writer's transaction: the row lock
-- orders commits, so a reader that has seen seq N never later finds an N-1 it missed.
-- Last-Event-ID is "<seq>". NOTIFY 'realtime_events' carries '<workspace_id>:<seq>' only.

create table public.realtime_cursors (
  workspace_id uuid primary key references public.workspaces(id) on delete cascade,
  last_seq bigint not null default 0
);

create table public.realtime_events (
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  seq bigint not null,
  event_type varchar(50) not null check (event_type ~ '^[a-z][a-z_]*:[a-z][a-z_]*$'),
  conversation_id uuid,
  -- Only this member sees it (a personal notification); null = every member allowed below.
  user_id uuid references public.users(id) on delete cascade,
  -- The permission (lib/auth/permissions) a member needs to see it; null = every member.
  permission varchar(50),
  -- Ids and small fields only: the browser refetches through the API, which checks rights again.
  payload jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  primary key (workspace_id, seq)
);
create index realtime_events_created_idx on public.realtime_events (created_at);

-- Writes one event in the current transaction; the workspace is the actor's, never a parameter.
create function app.publish_realtime(p_type text, p_conversation_id uuid, p_user_id uuid, p_permission text, p_payload jsonb)
returns bigint language plpgsql security definer set search_path = '' as $$
declare
  ws uuid := app.current_workspace_id();
  s bigint;
begin
  if ws is null or not (ws = any (app.member_workspaces())) then
    raise exception 'publish_realtime needs an actor of one workspace' using errcode = '42501';
  end if;
  insert into public.realtime_cursors as c (workspace_id, last_seq) values (ws, 1)
    on conflict (workspace_id) do update set last_seq = c.last_seq + 1
    returning c.last_seq into s;
  insert into public.realtime_events (workspace_id, seq, event_type, conversation_id, user_id, permission, payload)
    values (ws, s, p_type, p_conversation_id, p_user_id, p_permission, coalesce(p_payload, '{}'::jsonb));
  perform pg_notify('realtime_events', ws::text || ':' || s::text);
  return s;
end
$$;
revoke execute on function app.publish_realtime(text, uuid, uuid, text, jsonb) from public, anon;
grant execute on function app.publish_realtime(text, uuid, uuid, text, jsonb) to authenticated;

-- Trigger bodies: every write of these tables is an event, whatever code path made it. They run
-- inside the writer's transaction (so an event exists iff the change committed) and bypass the
-- writer's own rights (security definer): no actor needs a grant on realtime_events.
create function app.realtime_on_message() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if app.current_workspace_id() is distinct from new.workspace_id then
    return null; -- maintenance outside an actor (migrations, scripts): nothing to stream
  end if;
  if tg_op = 'INSERT' then
    perform app.publish_realtime('message:new', new.conversation_id, null, 'conversations.read',
      jsonb_build_object('conversation_id', new.conversation_id, 'message_id', new.id, 'role', new.role, 'status', new.status));
    if new.status = 'draft' then
      perform app.publish_realtime('draft:new', new.conversation_id, null, 'conversations.read',
        jsonb_build_object('conversation_id', new.conversation_id, 'message_id', new.id));
    end if;
  elsif new.status is distinct from old.status or new.content is distinct from old.content
        or new.error is distinct from old.error then
    perform app.publish_realtime('message:updated', new.conversation_id, null, 'conversations.read',
      jsonb_build_object('conversation_id', new.conversation_id, 'message_id', new.id, 'status', new.status, 'old_status', old.status));
  end if;
  return null;
end
$$;

create function app.realtime_on_conversation() returns trigger
language plpgsql security definer set search_path = '' as $$
declare changes text[] := '{}';
begin
  if app.current_workspace_id() is distinct from new.workspace_id then
    return null;
  end if;
  if tg_op = 'INSERT' then
    perform app.publish_realtime('conversation:new', new.id, null, 'conversations.read',
      jsonb_build_object('conversation_id', new.id, 'client_id', new.client_id, 'channel_type', new.channel_type));
    return null;
  end if;
  if new.status is distinct from old.status then changes := changes || 'status'; end if;
  if new.paused_by is distinct from old.paused_by or new.paused_by_user_id is distinct from old.paused_by_user_id
     or new.resume_at is distinct from old.resume_at then changes := changes || 'owner'; end if;
  if new.responsible_user_id is distinct from old.responsible_user_id then changes := changes || 'responsible'; end if;
  if new.stage_id is distinct from old.stage_id or new.pipeline_id is distinct from old.pipeline_id then changes := changes || 'stage'; end if;
  if new.agent_id is distinct from old.agent_id then changes := changes || 'agent'; end if;
  if new.needs_human_since is distinct from old.needs_human_since then changes := changes || 'needs_human'; end if;
  if new.unread_count is distinct from old.unread_count or new.last_message_at is distinct from old.last_message_at
     then changes := changes || 'activity'; end if;
  if new.context is distinct from old.context then changes := changes || 'context'; end if;
  if cardinality(changes) > 0 then
    perform app.publish_realtime('conversation:updated', new.id, null, 'conversations.read',
      jsonb_build_object('conversation_id', new.id, 'changes', to_jsonb(changes), 'status', new.status,
                         'old_status', old.status, 'paused_by', new.paused_by, 'resume_at', new.resume_at));
  end if;
  return null;
end
$$;

create function app.realtime_on_notification() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if app.current_workspace_id() is distinct from new.workspace_id then
    return null;
  end if;
  perform app.publish_realtime('notification:new', null, new.user_id, null,
    jsonb_build_object('notification_id', new.id, 'type', new.type));
  if new.type in ('quota_exceeded', 'quota_warning') then
    perform app.publish_realtime('quota:warning', null, null, null, coalesce(new.data, '{}'::jsonb));
  end if;
  return null;
end
$$;

create function app.realtime_on_agent() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if app.current_workspace_id() is distinct from new.workspace_id then
    return null;
  end if;
  if new.is_active is distinct from old.is_active then
    perform app.publish_realtime('agent:status_changed', null, null, 'agents.read',
      jsonb_build_object('agent_id', new.id, 'is_active', new.is_active));
  end if;
  return null;
end
$$;

create function app.realtime_on_suggestion() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if app.current_workspace_id() is distinct from new.workspace_id then
    return null;
  end if;
  perform app.publish_realtime(case when tg_op = 'INSERT' then 'suggestion:new' else 'suggestion:updated' end,
    new.conversation_id, null, 'conversations.read',
    jsonb_build_object('conversation_id', new.conversation_id, 'suggestion_id', new.id, 'status', new.status));
  return null;
end
$$;

create trigger messages_realtime after insert or update on public.messages
  for each row execute function app.realtime_on_message();
create trigger conversations_realtime after insert or update on public.conversations
  for each row execute function app.realtime_on_conversation();
create trigger notifications_realtime after insert on public.notifications
  for each row execute function app.realtime_on_notification();
create trigger agents_realtime after update of is_active on public.agents
  for each row execute function app.realtime_on_agent();
create trigger ai_suggestions_realtime after insert or update of status on public.ai_suggestions
  for each row execute function app.realtime_on_suggestion();

revoke execute on function app.realtime_on_message() from public, anon, authenticated;
revoke execute on function app.realtime_on_conversation() from public, anon, authenticated;
revoke execute on function app.realtime_on_notification() from public, anon, authenticated;
revoke execute on function app.realtime_on_agent() from public, anon, authenticated;
revoke execute on function app.realtime_on_suggestion() from public, anon, authenticated;

-- The stream's reader: one per instance, as the jobs role, fans events out in memory after
-- filtering by workspace, user and permission (lib/realtime). Members resume with RLS.
create function app.realtime_events_after(p_workspace_id uuid, p_seq bigint, p_limit integer)
returns setof public.realtime_events
language sql stable security definer set search_path = '' as $$
  select * from public.realtime_events e
  where e.workspace_id = p_workspace_id and e.seq > p_seq
  order by e.seq limit least(greatest(p_limit, 1), 1000)
$$;
revoke execute on function app.realtime_events_after(uuid, bigint, integer) from public, anon, authenticated;
grant execute on function app.realtime_events_after(uuid, bigint, integer) to app_jobs;

-- Retention (the clean-up job): events older than the cut-off go; cursors stay.
create function app.prune_realtime_events(p_before timestamptz) returns integer
language plpgsql security definer set search_path = '' as $$
declare n integer;
begin
  delete from public.realtime_events where created_at < p_before;
  get diagnostics n = row_count;
  return n;
end
$$;
revoke execute on function app.prune_realtime_events(timestamptz) from public, anon, authenticated;
grant execute on function app.prune_realtime_events(timestamptz) to app_jobs;

-- 8. Row-level security ------------------------------------------------------------------------

do $$
declare t text;
begin
  foreach t in array array['channel_updates', 'ai_suggestions'] loop
    execute format('alter table public.%I enable row level security', t);
    execute format('create policy %I on public.%I for select to authenticated using (workspace_id = any ((select app.member_workspaces())::uuid[]))', t || '_select', t);
    execute format('create policy %I on public.%I for insert to authenticated with check (workspace_id = any ((select app.writer_workspaces())::uuid[]))', t || '_insert', t);
    execute format('create policy %I on public.%I for update to authenticated using (workspace_id = any ((select app.writer_workspaces())::uuid[])) with check (workspace_id = any ((select app.writer_workspaces())::uuid[]))', t || '_update', t);
    execute format('create policy %I on public.%I for delete to authenticated using (workspace_id = any ((select app.admin_workspaces())::uuid[]))', t || '_delete', t);
    execute format('grant select, insert, delete on public.%I to authenticated', t);
    perform app.scope_system_actors(format('public.%I', t)::regclass);
  end loop;
end
$$;
grant update (state, error, message_id, processed_at) on public.channel_updates to authenticated;
grant update (status, dismiss_reason, decided_by, decided_at, result_message_id) on public.ai_suggestions to authenticated;

-- A member's own link only; the system actor of the workspace reads every link to deliver.
alter table public.telegram_owner_links enable row level security;
create policy telegram_owner_links_select on public.telegram_owner_links for select to authenticated
  using (workspace_id = any ((select app.member_workspaces())::uuid[])
         and (user_id = (select auth.uid()) or auth.jwt() ->> 'actor' = 'system'));
create policy telegram_owner_links_insert on public.telegram_owner_links for insert to authenticated
  with check (workspace_id = any ((select app.member_workspaces())::uuid[]) and user_id = (select auth.uid()));
create policy telegram_owner_links_update on public.telegram_owner_links for update to authenticated
  using (workspace_id = any ((select app.member_workspaces())::uuid[])
         and (user_id = (select auth.uid()) or auth.jwt() ->> 'actor' = 'system'))
  with check (workspace_id = any ((select app.member_workspaces())::uuid[]));
create policy telegram_owner_links_delete on public.telegram_owner_links for delete to authenticated
  using (workspace_id = any ((select app.member_workspaces())::uuid[]) and user_id = (select auth.uid()));
grant select, insert, delete on public.telegram_owner_links to authenticated;
grant update (code_hash, code_expires_at, chat_id, chat_username, linked_at, updated_at) on public.telegram_owner_links to authenticated;
select app.scope_system_actors('public.telegram_owner_links');

-- Realtime: members read their workspace's events (their own personal ones), nobody writes
-- directly (app.publish_realtime does); the counter is internal.
alter table public.realtime_events enable row level security;
create policy realtime_events_select on public.realtime_events for select to authenticated
  using (workspace_id = any ((select app.member_workspaces())::uuid[])
         and (user_id is null or user_id = (select auth.uid())));
grant select on public.realtime_events to authenticated;
alter table public.realtime_cursors enable row level security;
select app.scope_system_actors('public.realtime_events');
select app.scope_system_actors('public.realtime_cursors');

-- 9. What the channels system actor reads and writes -----------------------------------------
-- `channels` runs the inbound path (client, conversation, message), the delayed reply, delivery,
-- takeover resume, suggestions and owner notifications: what the agent runtime may, plus the
-- connections, their raw updates, owners' links and the due work it schedules.

insert into app.system_actor_rights (system_name, table_name, access)
  select 'channels', table_name, access from app.system_actor_rights where system_name = 'agent-runtime'
on conflict (system_name, table_name) do nothing;
insert into app.system_actor_rights (system_name, table_name, access) values
  ('channels', 'integrations', 'write'),
  ('channels', 'channel_updates', 'write'),
  ('channels', 'ai_suggestions', 'write'),
  ('channels', 'telegram_owner_links', 'write'),
  ('channels', 'due_work', 'write'),
  ('channels', 'event_outbox', 'write'),
  ('webhook:*', 'channel_updates', 'write'),
  ('agent-runtime', 'ai_suggestions', 'write')
on conflict (system_name, table_name) do update set access = excluded.access;
