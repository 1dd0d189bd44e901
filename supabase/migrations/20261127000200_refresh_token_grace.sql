-- A repeated refresh of one token within a short grace window (two tabs, a mobile
-- client retrying after a lost response) gets the same successor instead of tripping
-- reuse detection. The successor is kept only sealed: AES-GCM under a key derived
-- from the presented token, which is itself never stored (only its hash), and the
-- sealed copy is cleared once the window has passed.
alter table public.refresh_tokens add column if not exists successor_sealed text;
-- Finds the sealed copies whose window has passed, cheaply: few rows have one at a time.
create index if not exists refresh_tokens_sealed_used_idx on public.refresh_tokens (used_at)
  where successor_sealed is not null;
