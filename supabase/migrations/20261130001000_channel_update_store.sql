-- Webhook ingestion in one statement (issue 9's ingestion aim).
-- app.store_channel_update() keeps a provider's raw update once per (connection, provider id),
-- marks the connection's last inbound time (at most every 5 s) and schedules the due work that
-- processes it — what lib/channels/inbound/store-update.ts did in three statements inside the
-- caller's transaction. The webhook path calls it alone, outside any transaction (one round
-- trip: the statement is its own transaction), after checking the sender against secrets it
-- holds for a few seconds; the polling loop and the WhatsApp batch call it inside their system
-- actor's transaction.
--
-- Who may call it:
-- * the NOLOGIN role app_webhooks (and the owner the app connects as), with no request claims:
--   the connection id comes from a URL whose sender the app has just verified;
-- * `authenticated` only as a system actor of the connection's own workspace (the claims say
--   so); a member, or a system actor of another workspace, is refused (42501).
-- Nobody else: EXECUTE is revoked from PUBLIC and anon.
create function app.store_channel_update(
  p_workspace_id uuid,
  p_integration_id uuid,
  p_update_key text,
  p_payload jsonb,
  p_emit_event boolean default false
)
returns table (outcome text, update_id uuid, due_id uuid, due_at timestamptz)
language plpgsql volatile security definer set search_path = '' as $$
#variable_conflict use_column
declare
  v_ws uuid;
  v_active boolean;
  v_claims jsonb;
  v_id uuid;
  v_due uuid;
  v_due_at timestamptz;
begin
  select i.workspace_id, i.is_active into v_ws, v_active
    from public.integrations i where i.id = p_integration_id;
  if v_ws is null or v_ws is distinct from p_workspace_id then
    return query select 'not_found'::text, null::uuid, null::uuid, null::timestamptz;
    return;
  end if;
  v_claims := nullif(current_setting('request.jwt.claims', true), '')::jsonb;
  if v_claims is not null
     and (v_claims ->> 'actor' is distinct from 'system' or v_claims ->> 'workspace_id' is distinct from v_ws::text) then
    raise exception 'only a system actor of the workspace stores channel updates' using errcode = '42501';
  end if;
  if not v_active then
    return query select 'inactive'::text, null::uuid, null::uuid, null::timestamptz;
    return;
  end if;
  insert into public.channel_updates (workspace_id, integration_id, update_key, payload)
    values (v_ws, p_integration_id, p_update_key, p_payload)
    on conflict (integration_id, update_key) do nothing
    returning id into v_id;
  if v_id is null then
    return query select 'duplicate'::text, null::uuid, null::uuid, null::timestamptz;
    return;
  end if;
  -- Health, at most every few seconds: a busy bot's updates do not queue on the connection's row.
  update public.integrations set last_inbound_at = now()
    where id = p_integration_id and (last_inbound_at is null or last_inbound_at < now() - interval '5 seconds');
  -- lib/channels/types.ts CHANNEL_DUE_KINDS.update; the subject as scheduleDueWork would write it.
  insert into public.due_work (workspace_id, kind, subject, due_at, payload, max_attempts)
    values (v_ws, 'channel.update', 'update:' || v_id, now(), '{}'::jsonb, 8)
    on conflict (workspace_id, kind, subject) where state = 'pending'
    do update set due_at = excluded.due_at, payload = excluded.payload, max_attempts = excluded.max_attempts,
                  attempts = 0, last_error = null, updated_at = now()
    returning id, due_work.due_at into v_due, v_due_at;
  if p_emit_event then
    -- With Inngest: the event its due-work function sleeps on (lib/jobs/events.ts dueWorkScheduled).
    insert into public.event_outbox (workspace_id, name, data)
      values (v_ws, 'jobs/due-work.scheduled', jsonb_build_object(
        'workspace_id', v_ws, 'id', v_due,
        'due_at', to_char(v_due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'kind', 'channel.update', 'subject', 'update:' || v_id));
  end if;
  return query select 'stored'::text, v_id, v_due, v_due_at;
end
$$;
revoke execute on function app.store_channel_update(uuid, uuid, text, jsonb, boolean) from public, anon;
grant execute on function app.store_channel_update(uuid, uuid, text, jsonb, boolean) to app_webhooks, authenticated;
