-- A trigger run names its trigger together with its workspace (as every other reference does),
-- so a row of one workspace can never point at another workspace's trigger.
alter table public.trigger_runs drop constraint trigger_runs_trigger_id_fkey;
alter table public.trigger_runs add constraint trigger_runs_trigger_fkey
  foreign key (trigger_id, workspace_id) references public.triggers (id, workspace_id) on delete cascade;
