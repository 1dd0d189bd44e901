-- Scheduled work of the whole installation (seed 000 cron list, the parts not owned by billing):
-- the weekly clean-up and the 6-hourly refresh of knowledge-base embeddings. One row per job
-- is both its schedule (the in-process runner claims it when next_run_at is due) and its
-- record (last run, result, error) for the "Background work" panel. With Inngest the same
-- jobs run as cron functions and write the same row.
--
-- Platform table: no workspace. Only the jobs role (app_jobs) reads and writes it; members see
-- it through the API after a permission check in lib/jobs/scheduled.

create table public.scheduled_jobs (
  name varchar(100) primary key,
  -- Five-field cron in UTC (minute hour day-of-month month day-of-week).
  schedule varchar(100) not null,
  next_run_at timestamptz not null default now(),
  -- A runner that claimed the job owns it until then (crash-safe lease).
  claimed_until timestamptz,
  last_started_at timestamptz,
  last_finished_at timestamptz,
  last_status varchar(20) check (last_status in ('ok', 'skipped', 'failed')),
  last_result jsonb,
  last_error text,
  runs integer not null default 0,
  failures integer not null default 0,
  updated_at timestamptz not null default now()
);

alter table public.scheduled_jobs enable row level security;
alter table public.scheduled_jobs force row level security;
create policy scheduled_jobs_jobs on public.scheduled_jobs for all to app_jobs using (true) with check (true);
grant select, insert, update on public.scheduled_jobs to app_jobs;
revoke all on public.scheduled_jobs from anon, authenticated;

-- First runs are due at once: a new installation cleans up and indexes on its first start.
insert into public.scheduled_jobs (name, schedule) values
  ('cleanup', '0 0 * * 0'),
  ('kb_embeddings', '0 */6 * * *')
on conflict (name) do nothing;

-- The weekly clean-up, in one statement per table, as the definer (rows of every workspace).
-- Retention (also in README.md): what users rely on as history is never touched here —
-- messages, deals, timeline events, tasks, chain runs stay.
--   password-reset tokens   used or expired more than 1 day ago
--   invitations             not accepted and expired more than 30 days ago
--   refresh tokens          expired
--   dashboard sessions      expired or revoked more than 30 days ago
--   Telegram link codes     unused codes expired (the row of a linked chat stays)
--   rate-limit counters     expired
--   outbox events           sent more than 7 days ago (dead ones: 90 days)
--   due work                done or cancelled more than 7 days ago (dead ones: 90 days)
--   raw channel updates     processed or ignored more than 30 days ago (the message stays)
--   realtime events         older than 7 days (the stream's resume window)
--   notifications           read more than 90 days ago
--   audit log               older than 365 days
create function app.run_cleanup(p_now timestamptz) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  result jsonb := '{}'::jsonb;
  n integer;
begin
  delete from public.password_reset_tokens where expires_at < p_now - interval '1 day' or used_at < p_now - interval '1 day';
  get diagnostics n = row_count; result := result || jsonb_build_object('password_reset_tokens', n);

  delete from public.invitations where accepted_at is null and expires_at < p_now - interval '30 days';
  get diagnostics n = row_count; result := result || jsonb_build_object('invitations', n);

  delete from public.refresh_tokens where expires_at < p_now;
  get diagnostics n = row_count; result := result || jsonb_build_object('refresh_tokens', n);

  delete from public.user_sessions where expires_at < p_now - interval '30 days' or revoked_at < p_now - interval '30 days';
  get diagnostics n = row_count; result := result || jsonb_build_object('user_sessions', n);

  update public.telegram_owner_links set code_hash = null, code_expires_at = null, updated_at = p_now
    where code_hash is not null and code_expires_at < p_now;
  get diagnostics n = row_count;
  delete from public.telegram_owner_links where chat_id is null and code_hash is null and linked_at is null;
  result := result || jsonb_build_object('telegram_link_codes', n);

  delete from app.rate_limits where expire < p_now;
  get diagnostics n = row_count; result := result || jsonb_build_object('rate_limits', n);

  delete from public.event_outbox
    where (state = 'sent' and sent_at < p_now - interval '7 days') or (state = 'dead' and dead_at < p_now - interval '90 days');
  get diagnostics n = row_count; result := result || jsonb_build_object('event_outbox', n);

  delete from public.due_work
    where (state in ('done', 'cancelled') and updated_at < p_now - interval '7 days')
       or (state = 'dead' and updated_at < p_now - interval '90 days');
  get diagnostics n = row_count; result := result || jsonb_build_object('due_work', n);

  delete from public.channel_updates where state in ('processed', 'ignored') and coalesce(processed_at, received_at) < p_now - interval '30 days';
  get diagnostics n = row_count; result := result || jsonb_build_object('channel_updates', n);

  delete from public.realtime_events where created_at < p_now - interval '7 days';
  get diagnostics n = row_count; result := result || jsonb_build_object('realtime_events', n);

  delete from public.notifications where is_read and coalesce(read_at, created_at) < p_now - interval '90 days';
  get diagnostics n = row_count; result := result || jsonb_build_object('notifications', n);

  delete from public.audit_log where created_at < p_now - interval '365 days';
  get diagnostics n = row_count; result := result || jsonb_build_object('audit_log', n);

  return result;
end
$$;
revoke execute on function app.run_cleanup(timestamptz) from public, anon, authenticated;
grant execute on function app.run_cleanup(timestamptz) to app_jobs;

-- Articles whose chunks have no embedding, changed text since (the vector was cleared), or
-- another model's vector: across workspaces, for the 6-hourly refresh. Dynamic SQL because
-- kb_chunks.embedding exists only where pgvector does (the caller checks first).
create function app.kb_embedding_backlog(p_model text, p_limit integer) returns table (workspace_id uuid, article_id bigint, pending integer)
language plpgsql security definer set search_path = '' as $$
begin
  return query execute
    'select c.workspace_id, c.article_id::bigint, count(*)::int
       from public.kb_chunks c
      where c.embedding is null or c.embedded_at is null or c.embedding_model is distinct from $1
      group by c.workspace_id, c.article_id
      order by c.workspace_id, c.article_id
      limit $2'
    using p_model, p_limit;
end
$$;
revoke execute on function app.kb_embedding_backlog(text, integer) from public, anon, authenticated;
grant execute on function app.kb_embedding_backlog(text, integer) to app_jobs;

-- The Background work panel reads the jobs inside the member's own transaction: owners and
-- admins (of the workspace they act in) only; nobody else gets a row.
create function app.scheduled_jobs_status() returns setof public.scheduled_jobs
language plpgsql stable security definer set search_path = '' as $$
begin
  if not (app.current_workspace_id() = any ((select app.admin_workspaces())::uuid[])) then
    raise exception 'only owners and admins see the background work' using errcode = '42501';
  end if;
  return query select * from public.scheduled_jobs order by name;
end
$$;
revoke execute on function app.scheduled_jobs_status() from public, anon;
grant execute on function app.scheduled_jobs_status() to authenticated;
