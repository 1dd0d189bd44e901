-- AI agents and everything an agent is configured with: pipelines and stage
-- instructions, channels, knowledge-base scope, CRM access, update rules,
-- triggers, follow-up chains, company knowledge, sales scripts, objection responses.
--
-- Every child row carries workspace_id too (RLS needs it without joins), and a
-- composite foreign key (parent id, workspace_id) so a child can never point at
-- a parent of another workspace, whatever the inserting code does.

create table public.agents (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  name varchar(255) not null check (char_length(btrim(name)) > 0),
  is_active boolean not null default false,
  -- An id from lib/ai/models.ts; no check here so the registry can change without a migration.
  model varchar(100) not null,
  system_instructions text not null check (char_length(system_instructions) between 10 and 40000),
  check_before_send boolean not null default false,
  auto_detect_language boolean not null default false,
  response_language varchar(10),
  creativity_level varchar(20) not null default 'balanced' check (creativity_level in ('precise', 'balanced', 'creative')),
  response_delay_seconds integer not null default 45 check (response_delay_seconds between 0 and 300),
  schedule_enabled boolean not null default false,
  -- [{ day, enabled, start: 'HH:MM', end: 'HH:MM' }]
  working_schedule jsonb check (working_schedule is null or jsonb_typeof(working_schedule) = 'array'),
  total_messages integer not null default 0,
  total_conversations integer not null default 0,
  average_response_time integer,
  created_by uuid references public.users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, workspace_id)
);
create index agents_workspace_created_idx on public.agents (workspace_id, created_at desc);
create index agents_workspace_active_idx on public.agents (workspace_id, is_active);

create table public.agent_pipelines (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  agent_id uuid not null,
  pipeline_id varchar(100) not null,
  pipeline_name varchar(255) not null,
  is_active boolean not null default false,
  all_stages boolean not null default false,
  stages jsonb not null default '[]' check (jsonb_typeof(stages) = 'array'),
  -- { stageId: instruction }
  stage_instructions jsonb not null default '{}' check (jsonb_typeof(stage_instructions) = 'object'),
  -- Keeps the order the pipelines were given in.
  order_index integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (agent_id, workspace_id) references public.agents (id, workspace_id) on delete cascade,
  unique (agent_id, pipeline_id)
);
create index agent_pipelines_workspace_idx on public.agent_pipelines (workspace_id);

-- One row per agent (absent = defaults).
create table public.agent_channels (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  agent_id uuid not null unique,
  all_channels boolean not null default false,
  channels jsonb not null default '[]' check (jsonb_typeof(channels) = 'array'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (agent_id, workspace_id) references public.agents (id, workspace_id) on delete cascade
);
create index agent_channels_workspace_idx on public.agent_channels (workspace_id);

-- One row per agent: which knowledge-base categories it may answer from.
create table public.agent_knowledge_base (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  agent_id uuid not null unique,
  all_categories boolean not null default false,
  selected_categories jsonb not null default '[]' check (jsonb_typeof(selected_categories) = 'array'),
  create_task_if_no_answer boolean not null default false,
  no_answer_message text check (no_answer_message is null or char_length(no_answer_message) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (agent_id, workspace_id) references public.agents (id, workspace_id) on delete cascade
);
create index agent_knowledge_base_workspace_idx on public.agent_knowledge_base (workspace_id);

-- One row per agent: the CRM fields the agent may read into its context.
create table public.agent_crm_access (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  agent_id uuid not null unique,
  read_deal_fields jsonb not null default '[]' check (jsonb_typeof(read_deal_fields) = 'array'),
  read_contact_fields jsonb not null default '[]' check (jsonb_typeof(read_contact_fields) = 'array'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (agent_id, workspace_id) references public.agents (id, workspace_id) on delete cascade
);
create index agent_crm_access_workspace_idx on public.agent_crm_access (workspace_id);

create table public.agent_update_rules (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  agent_id uuid not null,
  entity_type varchar(50) not null check (entity_type in ('deal', 'contact')),
  field_id varchar(100) not null,
  condition text not null,
  overwrite boolean not null default false,
  order_index integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (agent_id, workspace_id) references public.agents (id, workspace_id) on delete cascade
);
create index agent_update_rules_agent_idx on public.agent_update_rules (agent_id, order_index);
create index agent_update_rules_entity_idx on public.agent_update_rules (agent_id, entity_type);
create index agent_update_rules_workspace_idx on public.agent_update_rules (workspace_id);

create table public.triggers (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  agent_id uuid not null,
  name varchar(255) not null check (char_length(btrim(name)) > 0),
  is_active boolean not null default true,
  condition text not null,
  cancel_message text,
  -- 0 = unlimited
  run_limit integer not null default 0 check (run_limit >= 0),
  runs_count integer not null default 0 check (runs_count >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (agent_id, workspace_id) references public.agents (id, workspace_id) on delete cascade,
  unique (id, workspace_id)
);
create index triggers_agent_idx on public.triggers (agent_id, is_active);
create index triggers_workspace_idx on public.triggers (workspace_id);

create table public.trigger_actions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  trigger_id uuid not null,
  action_type varchar(100) not null check (action_type in
    ('update_field', 'send_message', 'create_task', 'change_stage', 'notify_manager', 'stop_agent')),
  action_config jsonb not null default '{}' check (jsonb_typeof(action_config) = 'object'),
  order_index integer not null default 0,
  created_at timestamptz not null default now(),
  foreign key (trigger_id, workspace_id) references public.triggers (id, workspace_id) on delete cascade
);
create index trigger_actions_trigger_idx on public.trigger_actions (trigger_id, order_index);
create index trigger_actions_workspace_idx on public.trigger_actions (workspace_id);

create table public.chains (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  agent_id uuid not null,
  name varchar(255) not null check (char_length(btrim(name)) > 0),
  is_active boolean not null default true,
  condition_type varchar(20) not null default 'all' check (condition_type in ('all', 'specific')),
  condition_stages jsonb not null default '[]' check (jsonb_typeof(condition_stages) = 'array'),
  condition_exclude text,
  run_limit integer not null default 0 check (run_limit >= 0),
  runs_count integer not null default 0 check (runs_count >= 0),
  -- [{ day, enabled, start: 'HH:MM', end: 'HH:MM' }]
  schedule jsonb check (schedule is null or jsonb_typeof(schedule) = 'array'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (agent_id, workspace_id) references public.agents (id, workspace_id) on delete cascade,
  unique (id, workspace_id),
  check (condition_type = 'all' or jsonb_array_length(condition_stages) > 0)
);
create index chains_agent_idx on public.chains (agent_id, is_active);
create index chains_workspace_idx on public.chains (workspace_id);

create table public.chain_steps (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  chain_id uuid not null,
  order_index integer not null check (order_index >= 0),
  delay_value integer not null check (delay_value >= 0),
  delay_unit varchar(20) not null check (delay_unit in ('Минуты', 'Часы', 'Дни')),
  created_at timestamptz not null default now(),
  foreign key (chain_id, workspace_id) references public.chains (id, workspace_id) on delete cascade,
  unique (id, workspace_id),
  unique (chain_id, order_index)
);
create index chain_steps_workspace_idx on public.chain_steps (workspace_id);

create table public.chain_step_actions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  step_id uuid not null,
  action_type varchar(100) not null check (action_type in ('generate_message', 'update_field', 'create_task')),
  instruction text,
  order_index integer not null default 0,
  created_at timestamptz not null default now(),
  foreign key (step_id, workspace_id) references public.chain_steps (id, workspace_id) on delete cascade
);
create index chain_step_actions_step_idx on public.chain_step_actions (step_id, order_index);
create index chain_step_actions_workspace_idx on public.chain_step_actions (workspace_id);

-- Seed 001: facts about the company the agent sells for.
create table public.company_knowledge (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  agent_id uuid not null,
  title varchar(255) not null,
  content text not null,
  order_index integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (agent_id, workspace_id) references public.agents (id, workspace_id) on delete cascade
);
create index company_knowledge_agent_idx on public.company_knowledge (agent_id, order_index);
create index company_knowledge_workspace_idx on public.company_knowledge (workspace_id);

-- Seed 001: scripts, optionally tied to a pipeline stage id.
create table public.sales_scripts (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  agent_id uuid not null,
  name varchar(255) not null,
  stage varchar(100),
  script text not null,
  order_index integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (agent_id, workspace_id) references public.agents (id, workspace_id) on delete cascade
);
create index sales_scripts_agent_idx on public.sales_scripts (agent_id, order_index);
create index sales_scripts_workspace_idx on public.sales_scripts (workspace_id);

-- Seed 001: how to answer a typical objection.
create table public.objection_responses (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces(id) on delete cascade,
  agent_id uuid not null,
  objection text not null,
  response text not null,
  order_index integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (agent_id, workspace_id) references public.agents (id, workspace_id) on delete cascade
);
create index objection_responses_agent_idx on public.objection_responses (agent_id, order_index);
create index objection_responses_workspace_idx on public.objection_responses (workspace_id);

-- Members read; owner, admin and member write (viewers only read).
do $$
declare t text;
begin
  foreach t in array array['agents', 'agent_pipelines', 'agent_channels', 'agent_knowledge_base', 'agent_crm_access',
    'agent_update_rules', 'triggers', 'trigger_actions', 'chains', 'chain_steps', 'chain_step_actions',
    'company_knowledge', 'sales_scripts', 'objection_responses']
  loop
    execute format('alter table public.%I enable row level security', t);
    execute format('create policy %I on public.%I for select to authenticated using (workspace_id = any ((select app.member_workspaces())::uuid[]))', t || '_select', t);
    execute format('create policy %I on public.%I for insert to authenticated with check (workspace_id = any ((select app.writer_workspaces())::uuid[]))', t || '_insert', t);
    execute format('create policy %I on public.%I for update to authenticated using (workspace_id = any ((select app.writer_workspaces())::uuid[])) with check (workspace_id = any ((select app.writer_workspaces())::uuid[]))', t || '_update', t);
    execute format('create policy %I on public.%I for delete to authenticated using (workspace_id = any ((select app.writer_workspaces())::uuid[]))', t || '_delete', t);
    execute format('grant select, insert, update, delete on public.%I to authenticated', t);
  end loop;
end
$$;
