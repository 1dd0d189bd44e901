-- Second wall for scheduled_jobs: the jobs role updates the columns a run writes, never a job's
-- name (its identity); members have no grant at all (they read through app.scheduled_jobs_status()).
revoke update on public.scheduled_jobs from app_jobs;
grant update (schedule, next_run_at, claimed_until, last_started_at, last_finished_at, last_status, last_result, last_error,
  runs, failures, updated_at) on public.scheduled_jobs to app_jobs;
