-- The runtime migration added agents.kb_only and notifications.data to two tables whose UPDATE
-- was granted whole: a member could rewrite an agent's workspace, creator and counters, and a
-- notification's type, text and parameters. Now only the columns people edit are updatable:
-- an agent's settings, and whether a notification was read.
revoke update on public.agents from authenticated;
grant update (name, is_active, model, system_instructions, check_before_send, kb_only, auto_detect_language,
  response_language, creativity_level, response_delay_seconds, schedule_enabled, working_schedule, updated_at)
  on public.agents to authenticated;
revoke update on public.notifications from authenticated;
grant update (is_read, read_at) on public.notifications to authenticated;
