-- Issue 8, drafts: a member who edits an agent's draft before approving it marks the turn
-- trace as edited (`turn.edited = true`, docs/runtime-api.md). The trace is otherwise written
-- only on insert; this opens exactly that column for updates.
grant update (turn) on public.messages to authenticated;
