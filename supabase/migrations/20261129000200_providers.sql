-- AI providers (issue 8, workstream A).
-- 1. A workspace's own OpenAI-compatible server (provider `custom`: Ollama, vLLM) names the model
--    to ask for; other providers take it from the registry (lib/ai/models.ts).
alter table public.workspace_ai_keys add column if not exists model varchar(200);
grant update (model) on public.workspace_ai_keys to authenticated;

-- 2. Google retired Gemini 1.5 Pro from its API: its agents move to Gemini 2.5 Flash, the registry's
--    Gemini model (agents.model is checked against the registry by the API, not by the database).
update public.agents set model = 'gemini-2.5-flash' where model = 'gemini-1.5-pro';
