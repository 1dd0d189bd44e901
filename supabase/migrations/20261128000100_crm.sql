-- The built-in CRM (issue 7): pipelines and stages, clients with their channels, facts and
-- relations, custom fields, conversations (= seed 004 dialogs = seed 002 deals), messages,
-- the events timeline, tasks, notes, verticals and the price list.
--
-- One model: a conversation belongs to one client, sits in one stage of one pipeline, carries
-- a price, tags, a responsible member and a `context` JSONB (seed 004: intent, device, issue,
-- stage, price_quoted, price_final, awaiting ...). Its messages and crm_events form one timeline.
--
-- Every table carries workspace_id and composite foreign keys (parent id, workspace_id), so a
-- row can never point into another workspace whatever the inserting code does.
-- Rights: members of the workspace read; owner, admin and member write; deletes of clients,
-- conversations, pipelines and stages need admin (lib/ asks the same: crm.admin).
-- Optimistic concurrency: clients and conversations carry `version`, bumped by lib on every
-- change; a PATCH based on an older version is refused (409) by lib.

-- 1. Pipelines and stages --------------------------------------------------------------------

create table public.pipelines (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  name varchar(255) not null check (char_length(btrim(name)) > 0),
  is_default boolean not null default false,
  is_active boolean not null default true,
  -- The vertical template it was created from (built-in code or a workspace vertical's code).
  vertical_code varchar(64),
  order_index integer not null default 0,
  created_by uuid references public.users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, workspace_id)
);
create index pipelines_workspace_idx on public.pipelines (workspace_id, order_index);
create unique index pipelines_one_default on public.pipelines (workspace_id) where is_default;
create unique index pipelines_name_unique on public.pipelines (workspace_id, lower(name));

create table public.pipeline_stages (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  pipeline_id uuid not null,
  code varchar(64) not null check (code ~ '^[a-z][a-z0-9_]{0,63}$'),
  name varchar(255) not null check (char_length(btrim(name)) > 0),
  color varchar(20) not null default '#94a3b8' check (color ~ '^#[0-9a-fA-F]{6}$'),
  kind varchar(10) not null default 'open' check (kind in ('open', 'won', 'lost')),
  order_index integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (pipeline_id, workspace_id) references public.pipelines (id, workspace_id) on delete cascade,
  unique (pipeline_id, code),
  unique (id, workspace_id),
  unique (id, pipeline_id)
);
create index pipeline_stages_pipeline_idx on public.pipeline_stages (pipeline_id, order_index);
create index pipeline_stages_workspace_idx on public.pipeline_stages (workspace_id);

-- 2. Custom fields ---------------------------------------------------------------------------

create table public.crm_fields (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  entity_type varchar(10) not null check (entity_type in ('deal', 'contact')),
  code varchar(64) not null check (code ~ '^[a-z][a-z0-9_]{0,63}$'),
  name varchar(255) not null check (char_length(btrim(name)) > 0),
  field_type varchar(20) not null check (field_type in
    ('text', 'number', 'money', 'date', 'boolean', 'select', 'multiselect', 'phone', 'email', 'url')),
  -- For select/multiselect: ["option", ...]
  options jsonb not null default '[]' check (jsonb_typeof(options) = 'array'),
  is_required boolean not null default false,
  description text check (description is null or char_length(description) <= 1000),
  order_index integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, entity_type, code),
  unique (id, workspace_id)
);

-- 3. Clients ---------------------------------------------------------------------------------

create table public.clients (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  name varchar(255) not null default '' ,
  -- E.164 (lib/crm/normalize-phone.ts); one client per phone in a workspace.
  phone varchar(20) check (phone is null or phone ~ '^\+[1-9][0-9]{6,14}$'),
  -- Lower-cased.
  email varchar(320),
  avatar_url text,
  -- Seed 002: active / inactive.
  status varchar(20) not null default 'active' check (status in ('active', 'inactive')),
  -- Seed 002 "type": new / regular / inactive (новый / постоянный / неактивный).
  client_type varchar(20) not null default 'new' check (client_type in ('new', 'regular', 'inactive')),
  responsible_user_id uuid references public.users(id) on delete set null,
  language varchar(10),
  city varchar(255),
  -- Seed 003 lead fields that are not columns (object_type, area, summary) and anything else.
  custom_fields jsonb not null default '{}' check (jsonb_typeof(custom_fields) = 'object'),
  metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object'),
  -- Seed 004 metrics kept on the row (lib updates them with the client's conversations/messages).
  first_contact_at timestamptz,
  last_contact_at timestamptz,
  -- Words of name, phone digits and email for search (lib/crm keeps it; see search_text()).
  search_text text not null default '',
  version integer not null default 1,
  created_by uuid references public.users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, workspace_id)
);
create unique index clients_phone_unique on public.clients (workspace_id, phone) where phone is not null;
create index clients_email_idx on public.clients (workspace_id, email) where email is not null;
create index clients_list_idx on public.clients (workspace_id, created_at desc, id desc);
create index clients_last_contact_idx on public.clients (workspace_id, last_contact_at desc nulls last, id desc);
create index clients_responsible_idx on public.clients (workspace_id, responsible_user_id);
create index clients_search_idx on public.clients using gin (to_tsvector('simple', search_text));

-- telegram / whatsapp / vk / avito / web_chat / email / instagram ids of a client.
create table public.client_channels (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  client_id uuid not null,
  channel_type varchar(20) not null check (channel_type in ('telegram', 'whatsapp', 'vk', 'avito', 'web_chat', 'email', 'instagram')),
  external_id varchar(255) not null check (char_length(btrim(external_id)) > 0),
  username varchar(255),
  created_at timestamptz not null default now(),
  foreign key (client_id, workspace_id) references public.clients (id, workspace_id) on delete cascade,
  -- A channel id belongs to at most one client per workspace.
  unique (workspace_id, channel_type, external_id)
);
create index client_channels_client_idx on public.client_channels (client_id);
create index client_channels_external_idx on public.client_channels (workspace_id, external_id);

create table public.client_facts (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  client_id uuid not null,
  text varchar(500) not null check (char_length(btrim(text)) > 0),
  source varchar(20) not null default 'user' check (source in ('user', 'agent', 'rule', 'crm_sync', 'import', 'system')),
  conversation_id uuid,
  created_by uuid references public.users(id) on delete set null,
  created_at timestamptz not null default now(),
  foreign key (client_id, workspace_id) references public.clients (id, workspace_id) on delete cascade
);
create index client_facts_client_idx on public.client_facts (client_id, created_at);
create index client_facts_workspace_idx on public.client_facts (workspace_id);

create table public.client_relations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  client_id uuid not null,
  related_client_id uuid not null,
  -- spouse, parent, child, relative, colleague, friend, referral, other ...
  relation_type varchar(50) not null check (relation_type ~ '^[a-z][a-z0-9_]{0,49}$'),
  created_by uuid references public.users(id) on delete set null,
  created_at timestamptz not null default now(),
  foreign key (client_id, workspace_id) references public.clients (id, workspace_id) on delete cascade,
  foreign key (related_client_id, workspace_id) references public.clients (id, workspace_id) on delete cascade,
  check (client_id <> related_client_id),
  unique (client_id, related_client_id, relation_type)
);
create index client_relations_related_idx on public.client_relations (related_client_id);
create index client_relations_workspace_idx on public.client_relations (workspace_id);

-- 4. Conversations = dialogs = deals -----------------------------------------------------------

create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  client_id uuid not null,
  agent_id uuid,
  pipeline_id uuid,
  stage_id uuid,
  -- The deal's title (seed 002 "description" is a separate text).
  title varchar(255),
  description text,
  -- Seed 000: whatsapp, telegram, chat (web chat), email; seed 004: vk, avito; manual = created by hand.
  channel_type varchar(20) not null default 'manual' check (channel_type in
    ('telegram', 'whatsapp', 'vk', 'avito', 'web_chat', 'email', 'instagram', 'manual', 'test')),
  -- The chat id in the channel (seed 004 external_chat_id) and the connection it came through.
  channel_id varchar(255),
  integration_id uuid,
  -- An outside CRM's ids (Kommo) when the deal is mirrored there.
  crm_deal_id varchar(100),
  crm_contact_id varchar(100),
  -- Seed 000: active, paused, closed (seed 004 "completed" = closed).
  status varchar(20) not null default 'active' check (status in ('active', 'paused', 'closed')),
  paused_by varchar(20) check (paused_by is null or paused_by in ('human', 'agent', 'system')),
  paused_at timestamptz,
  pause_reason varchar(500),
  price numeric(14, 2) check (price is null or price >= 0),
  currency varchar(3) check (currency is null or currency ~ '^[A-Z]{3}$'),
  tags text[] not null default '{}',
  responsible_user_id uuid references public.users(id) on delete set null,
  -- Seed 004 dialog context: intent, device, issue, stage, price_quoted, price_final, awaiting ...
  context jsonb not null default '{}' check (jsonb_typeof(context) = 'object'),
  custom_fields jsonb not null default '{}' check (jsonb_typeof(custom_fields) = 'object'),
  -- Seed 004 metadata: source, utm_*.
  metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object'),
  unread_count integer not null default 0 check (unread_count >= 0),
  messages_count integer not null default 0 check (messages_count >= 0),
  first_message_at timestamptz,
  -- Last message, or creation until the first one: the list's keyset (last_message_at, id).
  last_message_at timestamptz not null default now(),
  stage_changed_at timestamptz,
  closed_at timestamptz,
  version integer not null default 1,
  created_by uuid references public.users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (client_id, workspace_id) references public.clients (id, workspace_id) on delete cascade,
  foreign key (agent_id, workspace_id) references public.agents (id, workspace_id) on delete set null (agent_id),
  foreign key (pipeline_id, workspace_id) references public.pipelines (id, workspace_id),
  -- The stage is a stage of the conversation's pipeline.
  foreign key (stage_id, pipeline_id) references public.pipeline_stages (id, pipeline_id),
  foreign key (integration_id) references public.integrations (id) on delete set null,
  check ((pipeline_id is null) = (stage_id is null)),
  unique (id, workspace_id)
);
create index conversations_list_idx on public.conversations (workspace_id, last_message_at desc, id desc);
create index conversations_board_idx on public.conversations (workspace_id, stage_id, last_message_at desc, id desc);
create index conversations_pipeline_idx on public.conversations (workspace_id, pipeline_id, last_message_at desc, id desc);
create index conversations_client_idx on public.conversations (client_id, last_message_at desc);
create index conversations_agent_idx on public.conversations (workspace_id, agent_id);
create index conversations_status_idx on public.conversations (workspace_id, status, last_message_at desc, id desc);
create index conversations_responsible_idx on public.conversations (workspace_id, responsible_user_id);
create index conversations_channel_idx on public.conversations (workspace_id, channel_type, channel_id);
create index conversations_tags_idx on public.conversations using gin (tags);

-- 5. Messages --------------------------------------------------------------------------------

create table public.messages (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  conversation_id uuid not null,
  -- Seed 000: user (customer), agent (AI), system; operator = a human member.
  role varchar(20) not null check (role in ('user', 'agent', 'operator', 'system')),
  direction varchar(10) check (direction is null or direction in ('inbound', 'outbound')),
  sender_name varchar(255),
  sender_user_id uuid references public.users(id) on delete set null,
  content text not null default '',
  content_type varchar(20) not null default 'text' check (content_type in
    ('text', 'image', 'audio', 'voice', 'video', 'document', 'sticker', 'location', 'contact')),
  -- [{ url | file_id, name, mime_type, size, transcript? }]
  attachments jsonb not null default '[]' check (jsonb_typeof(attachments) = 'array'),
  -- AI (role agent)
  model varchar(100),
  tokens_used integer,
  response_time_ms integer,
  kb_articles_used jsonb not null default '[]' check (jsonb_typeof(kb_articles_used) = 'array'),
  -- Delivery: received (inbound), draft (awaiting approval), queued, sent, delivered, read,
  -- failed, rejected (a draft turned down).
  status varchar(20) not null default 'received' check (status in
    ('received', 'draft', 'queued', 'sent', 'delivered', 'read', 'failed', 'rejected')),
  is_sent boolean not null default false,
  requires_approval boolean not null default false,
  approved_by uuid references public.users(id) on delete set null,
  approved_at timestamptz,
  -- The channel's message id: one row per delivery, however often it is repeated.
  external_message_id varchar(255),
  error text,
  metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (conversation_id, workspace_id) references public.conversations (id, workspace_id) on delete cascade,
  unique (conversation_id, external_message_id),
  unique (id, workspace_id)
);
create index messages_conversation_idx on public.messages (conversation_id, created_at desc, id desc);
create index messages_workspace_idx on public.messages (workspace_id, created_at desc);
create index messages_drafts_idx on public.messages (workspace_id, created_at) where status = 'draft';
create index messages_search_idx on public.messages using gin (to_tsvector('simple', content));

-- 6. The events timeline (seed 004 elo_events) ---------------------------------------------------

create table public.crm_events (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  -- message_received, message_sent, context_extracted, context_updated, stage_changed,
  -- operator_assigned, dialog_created, dialog_completed, client_created, field_updated,
  -- price_changed, tags_changed, task_created, note_added, fact_added, client_merged ...
  event_type varchar(50) not null check (event_type ~ '^[a-z][a-z0-9_]{0,49}$'),
  conversation_id uuid,
  client_id uuid,
  message_id uuid,
  source varchar(20) not null default 'user' check (source in ('user', 'agent', 'rule', 'crm_sync', 'import', 'system')),
  actor_user_id uuid references public.users(id) on delete set null,
  -- { field, old_value, new_value, ... } or the seed's per-type payload.
  payload jsonb not null default '{}' check (jsonb_typeof(payload) = 'object'),
  created_at timestamptz not null default now(),
  foreign key (conversation_id, workspace_id) references public.conversations (id, workspace_id) on delete cascade,
  foreign key (client_id, workspace_id) references public.clients (id, workspace_id) on delete cascade
);
create index crm_events_conversation_idx on public.crm_events (conversation_id, created_at desc, id desc) where conversation_id is not null;
create index crm_events_client_idx on public.crm_events (client_id, created_at desc, id desc) where client_id is not null;
create index crm_events_workspace_idx on public.crm_events (workspace_id, created_at desc, id desc);

-- 7. Tasks and notes -------------------------------------------------------------------------

create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  text varchar(2000) not null check (char_length(btrim(text)) > 0),
  due_at timestamptz,
  responsible_user_id uuid references public.users(id) on delete set null,
  client_id uuid,
  conversation_id uuid,
  done boolean not null default false,
  done_at timestamptz,
  source varchar(20) not null default 'user' check (source in ('user', 'agent', 'rule', 'crm_sync', 'import', 'system')),
  created_by uuid references public.users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (client_id, workspace_id) references public.clients (id, workspace_id) on delete cascade,
  foreign key (conversation_id, workspace_id) references public.conversations (id, workspace_id) on delete cascade,
  check (client_id is not null or conversation_id is not null)
);
create index tasks_mine_idx on public.tasks (workspace_id, responsible_user_id, done, due_at);
create index tasks_client_idx on public.tasks (client_id) where client_id is not null;
create index tasks_conversation_idx on public.tasks (conversation_id) where conversation_id is not null;

create table public.notes (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  text varchar(10000) not null check (char_length(btrim(text)) > 0),
  client_id uuid,
  conversation_id uuid,
  source varchar(20) not null default 'user' check (source in ('user', 'agent', 'rule', 'crm_sync', 'import', 'system')),
  author_user_id uuid references public.users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (client_id, workspace_id) references public.clients (id, workspace_id) on delete cascade,
  foreign key (conversation_id, workspace_id) references public.conversations (id, workspace_id) on delete cascade,
  check (client_id is not null or conversation_id is not null)
);
create index notes_client_idx on public.notes (client_id, created_at desc) where client_id is not null;
create index notes_conversation_idx on public.notes (conversation_id, created_at desc) where conversation_id is not null;
create index notes_workspace_idx on public.notes (workspace_id);

-- 8. Verticals and the price list (seed 004 section 6) -------------------------------------------

-- A workspace's own verticals; the built-in templates (phone_repair ...) live in lib/crm.
create table public.verticals (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  code varchar(64) not null check (code ~ '^[a-z][a-z0-9_]{0,63}$'),
  name varchar(255) not null check (char_length(btrim(name)) > 0),
  intents jsonb not null default '[]' check (jsonb_typeof(intents) = 'array'),
  -- [{ code, name, color, kind }]
  stages jsonb not null default '[]' check (jsonb_typeof(stages) = 'array'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, code)
);

create table public.price_list_items (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  vertical_code varchar(64),
  category varchar(255) not null check (char_length(btrim(category)) > 0),
  -- Glob: '*' any run of characters, '?' one; case-insensitive (lib/crm/match-device-pattern.ts).
  device_pattern varchar(255) not null default '*',
  service_name varchar(255) not null check (char_length(btrim(service_name)) > 0),
  price_from numeric(14, 2) not null check (price_from >= 0),
  price_to numeric(14, 2) check (price_to is null or price_to >= price_from),
  currency varchar(3) check (currency is null or currency ~ '^[A-Z]{3}$'),
  duration_minutes integer check (duration_minutes is null or duration_minutes between 0 and 100000),
  is_active boolean not null default true,
  order_index integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index price_list_items_workspace_idx on public.price_list_items (workspace_id, category, order_index);

-- 9. Row-level security ------------------------------------------------------------------------

do $$
declare t text;
begin
  foreach t in array array['pipelines', 'pipeline_stages', 'crm_fields', 'clients', 'client_channels', 'client_facts',
    'client_relations', 'conversations', 'messages', 'crm_events', 'tasks', 'notes', 'verticals', 'price_list_items']
  loop
    execute format('alter table public.%I enable row level security', t);
    execute format('create policy %I on public.%I for select to authenticated using (workspace_id = any ((select app.member_workspaces())::uuid[]))', t || '_select', t);
    execute format('create policy %I on public.%I for insert to authenticated with check (workspace_id = any ((select app.writer_workspaces())::uuid[]))', t || '_insert', t);
    execute format('create policy %I on public.%I for update to authenticated using (workspace_id = any ((select app.writer_workspaces())::uuid[])) with check (workspace_id = any ((select app.writer_workspaces())::uuid[]))', t || '_update', t);
    -- Deleting whole records (and merging, which deletes the merged client) is for admins;
    -- the small parts of a record (channels, facts, relations, notes, tasks, price items)
    -- are removed by whoever may edit it.
    if t in ('pipelines', 'pipeline_stages', 'crm_fields', 'clients', 'conversations', 'messages', 'crm_events', 'verticals') then
      execute format('create policy %I on public.%I for delete to authenticated using (workspace_id = any ((select app.admin_workspaces())::uuid[]))', t || '_delete', t);
    else
      execute format('create policy %I on public.%I for delete to authenticated using (workspace_id = any ((select app.writer_workspaces())::uuid[]))', t || '_delete', t);
    end if;
    execute format('grant select, insert, delete on public.%I to authenticated', t);
    perform app.scope_system_actors(format('public.%I', t)::regclass);
  end loop;
end
$$;

-- Column-level UPDATE: ids, workspace, creator and creation time never change.
grant update (name, is_default, is_active, vertical_code, order_index, updated_at) on public.pipelines to authenticated;
grant update (code, name, color, kind, order_index, updated_at) on public.pipeline_stages to authenticated;
grant update (name, options, is_required, description, order_index, updated_at) on public.crm_fields to authenticated;
grant update (name, phone, email, avatar_url, status, client_type, responsible_user_id, language, city, custom_fields,
  metadata, first_contact_at, last_contact_at, search_text, version, updated_at) on public.clients to authenticated;
grant update (client_id, username) on public.client_channels to authenticated;
grant update (client_id, text) on public.client_facts to authenticated;
grant update (client_id, related_client_id, relation_type) on public.client_relations to authenticated;
grant update (client_id, agent_id, pipeline_id, stage_id, title, description, channel_type, channel_id, integration_id,
  crm_deal_id, crm_contact_id, status, paused_by, paused_at, pause_reason, price, currency, tags, responsible_user_id,
  context, custom_fields, metadata, unread_count, messages_count, first_message_at, last_message_at, stage_changed_at,
  closed_at, version, updated_at) on public.conversations to authenticated;
-- A message's words and sender stay as they came; drafts change content until approved.
grant update (content, attachments, status, is_sent, requires_approval, approved_by, approved_at, external_message_id,
  error, metadata, updated_at) on public.messages to authenticated;
-- Events are history: nothing changes but the client they hang on (a merge moves them).
grant update (client_id) on public.crm_events to authenticated;
grant update (text, due_at, responsible_user_id, client_id, conversation_id, done, done_at, updated_at) on public.tasks to authenticated;
grant update (text, client_id, conversation_id, updated_at) on public.notes to authenticated;
grant update (name, intents, stages, updated_at) on public.verticals to authenticated;
grant update (vertical_code, category, device_pattern, service_name, price_from, price_to, currency, duration_minutes,
  is_active, order_index, updated_at) on public.price_list_items to authenticated;

-- 10. The agent runtime reads the CRM setup and writes the records a turn produces ---------------

insert into app.system_actor_rights (system_name, table_name, access) values
  ('agent-runtime', 'pipelines', 'read'),
  ('agent-runtime', 'pipeline_stages', 'read'),
  ('agent-runtime', 'crm_fields', 'read'),
  ('agent-runtime', 'verticals', 'read'),
  ('agent-runtime', 'price_list_items', 'read'),
  ('agent-runtime', 'clients', 'write'),
  ('agent-runtime', 'client_channels', 'write'),
  ('agent-runtime', 'client_facts', 'write'),
  ('agent-runtime', 'conversations', 'write'),
  ('agent-runtime', 'messages', 'write'),
  ('agent-runtime', 'crm_events', 'write'),
  ('agent-runtime', 'tasks', 'write'),
  ('agent-runtime', 'notes', 'write'),
  ('agent-runtime', 'audit_log', 'write'),
  ('agent-runtime', 'notifications', 'write'),
  ('agent-runtime', 'agents', 'read'),
  ('agent-runtime', 'agent_pipelines', 'read'),
  ('agent-runtime', 'agent_crm_access', 'read'),
  ('agent-runtime', 'agent_update_rules', 'read')
on conflict (system_name, table_name) do nothing;

-- 11. Every workspace starts with one default pipeline (seed 004's stage table) ------------------

create function app.create_default_pipeline() returns trigger
language plpgsql security definer set search_path = '' as $$
declare p uuid;
begin
  insert into public.pipelines (workspace_id, name, is_default, vertical_code, created_by)
  values (new.id, 'Основная воронка', true, 'phone_repair', new.created_by)
  returning id into p;
  insert into public.pipeline_stages (workspace_id, pipeline_id, code, name, color, kind, order_index)
  select new.id, p, s.code, s.name, s.color, s.kind, s.ord
  from (values
    ('new', 'Новый', '#64748b', 'open', 0),
    ('qualifying', 'Уточнение', '#0ea5e9', 'open', 1),
    ('quoted', 'Озвучена цена', '#6366f1', 'open', 2),
    ('approved', 'Согласовано', '#8b5cf6', 'open', 3),
    ('received', 'Принято', '#f59e0b', 'open', 4),
    ('in_progress', 'В работе', '#f97316', 'open', 5),
    ('ready', 'Готово', '#14b8a6', 'open', 6),
    ('delivered', 'Выдано', '#22c55e', 'won', 7),
    ('cancelled', 'Отменено', '#ef4444', 'lost', 8)
  ) as s(code, name, color, kind, ord);
  return new;
end
$$;
revoke execute on function app.create_default_pipeline() from public;

create trigger workspaces_default_pipeline after insert on public.workspaces
  for each row execute function app.create_default_pipeline();

-- Workspaces that exist already get theirs now.
do $$
declare w record; p uuid;
begin
  for w in select id, created_by from public.workspaces ws
           where not exists (select 1 from public.pipelines x where x.workspace_id = ws.id) loop
    insert into public.pipelines (workspace_id, name, is_default, vertical_code, created_by)
    values (w.id, 'Основная воронка', true, 'phone_repair', w.created_by) returning id into p;
    insert into public.pipeline_stages (workspace_id, pipeline_id, code, name, color, kind, order_index)
    select w.id, p, s.code, s.name, s.color, s.kind, s.ord
    from (values
      ('new', 'Новый', '#64748b', 'open', 0),
      ('qualifying', 'Уточнение', '#0ea5e9', 'open', 1),
      ('quoted', 'Озвучена цена', '#6366f1', 'open', 2),
      ('approved', 'Согласовано', '#8b5cf6', 'open', 3),
      ('received', 'Принято', '#f59e0b', 'open', 4),
      ('in_progress', 'В работе', '#f97316', 'open', 5),
      ('ready', 'Готово', '#14b8a6', 'open', 6),
      ('delivered', 'Выдано', '#22c55e', 'won', 7),
      ('cancelled', 'Отменено', '#ef4444', 'lost', 8)
    ) as s(code, name, color, kind, ord);
  end loop;
end
$$;
