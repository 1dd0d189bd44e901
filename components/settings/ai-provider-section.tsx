'use client';
// Settings → AI provider: which chat providers the agents can use (server env or the workspace's
// own key, shown by its last characters only), whether semantic search is on, the AI response
// quota, and — for owners and admins — a form per provider to add, replace or remove a key.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { BookOpenTextIcon, CheckCircle2Icon, CircleDashedIcon, InfoIcon, KeyRoundIcon, SparklesIcon, Trash2Icon } from 'lucide-react';
import { api, ApiError } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { fieldErrorOf, useFieldErrorText } from '@/components/forms/errors';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/sonner';

type Provider = 'openai' | 'openrouter' | 'gemini' | 'custom';

interface AiStatus {
  chat: { configured: boolean; default_mode: 'model' | 'kb_only'; providers: { provider: Provider; configured: boolean; source: 'env' | 'workspace' | null }[] };
  embeddings: { configured: boolean; semantic_search: boolean; model: string | null };
  quota: { used: number; limit: number; exceeded: boolean };
}
interface AiKey {
  provider: Provider;
  key_hint: string;
  base_url: string | null;
  model: string | null;
  updated_at: string;
}

/** The environment variables an operator sets instead of a workspace key. */
const ENV_NAMES: Record<Provider, string> = {
  openai: 'OPENAI_API_KEY',
  openrouter: 'OPENROUTER_API_KEY',
  gemini: 'GEMINI_API_KEY',
  custom: 'CUSTOM_LLM_BASE_URL + CUSTOM_LLM_MODEL',
};

const aiKeys = { status: ['ai', 'status'] as const, keys: ['ai', 'keys'] as const };

export function AiProviderSection({ canManage }: { canManage: boolean }) {
  const t = useTranslations('aiSettings');
  const status = useQuery({ queryKey: aiKeys.status, queryFn: () => api<AiStatus>('GET', '/api/ai/status') });
  const keys = useQuery({
    queryKey: aiKeys.keys,
    queryFn: () => api<{ data: AiKey[] }>('GET', '/api/ai/keys').then((r) => r.data),
    enabled: canManage,
  });
  const [editing, setEditing] = useState<Provider | null>(null);

  if (status.isPending || (canManage && keys.isPending)) return <Skeleton className="h-48 w-full" />;
  if (!status.data) return <p className="text-sm text-muted-foreground">{t('loadFailed')}</p>;
  const s = status.data;
  const keyOf = (p: Provider) => keys.data?.find((k) => k.provider === p);

  return (
    <div className="grid gap-5" data-testid="ai-provider-section">
      {s.chat.configured ? (
        <p className="flex items-start gap-2 text-sm" data-testid="ai-mode-model">
          <SparklesIcon className="mt-0.5 size-4 shrink-0 text-success" aria-hidden />
          {t('modeModel')}
        </p>
      ) : (
        <div className="flex items-start gap-2 rounded-lg border border-warning/40 bg-warning/10 px-3.5 py-3 text-sm" data-testid="ai-mode-kb-only">
          <BookOpenTextIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
          <div className="grid gap-1">
            <p className="font-medium">{t('modeKbOnly.title')}</p>
            <p className="text-muted-foreground">{t('modeKbOnly.description')}</p>
          </div>
        </div>
      )}

      <ul className="grid gap-2" aria-label={t('providers')}>
        {s.chat.providers.map((p) => {
          const key = keyOf(p.provider);
          return (
            <li key={p.provider} className="rounded-lg border p-3.5" data-testid={`ai-provider-${p.provider}`}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div className="grid min-w-0 gap-0.5">
                  <span className="font-medium">{t(`provider.${p.provider}`)}</span>
                  <span className="text-xs break-words text-muted-foreground">{t(`hint.${p.provider}`)}</span>
                </div>
                <ProviderBadge configured={p.configured} source={p.source} hint={key?.key_hint} />
              </div>
              {p.source === 'env' && <p className="mt-2 text-xs text-muted-foreground">{t('fromEnv', { env: ENV_NAMES[p.provider] })}</p>}
              {key && (key.base_url || key.model) && (
                <p className="mt-2 text-xs break-all text-muted-foreground" data-testid={`ai-key-details-${p.provider}`}>
                  {[key.base_url, key.model].filter(Boolean).join(' · ')}
                </p>
              )}
              {!p.configured && !canManage && <p className="mt-2 text-xs text-muted-foreground">{t('howToEnv', { env: ENV_NAMES[p.provider] })}</p>}
              {canManage &&
                (editing === p.provider ? (
                  <KeyForm provider={p.provider} current={key} onDone={() => setEditing(null)} />
                ) : (
                  <div className="mt-3 flex flex-wrap gap-2">
                    <Button type="button" size="sm" variant="outline" onClick={() => setEditing(p.provider)} data-testid={`ai-key-edit-${p.provider}`}>
                      <KeyRoundIcon aria-hidden />
                      {key ? t('replaceKey') : t('addKey')}
                    </Button>
                    {key && <RemoveKey provider={p.provider} />}
                  </div>
                ))}
            </li>
          );
        })}
      </ul>

      <div className="grid gap-3 text-sm sm:grid-cols-2">
        <div className="rounded-lg border p-3.5" data-testid="ai-semantic-search">
          <p className="font-medium">{t('semantic.title')}</p>
          <p className="mt-1 text-muted-foreground">
            {s.embeddings.semantic_search
              ? t('semantic.on', { model: s.embeddings.model ?? '' })
              : s.embeddings.configured
                ? t('semantic.noVector')
                : t('semantic.off')}
          </p>
        </div>
        <div className="rounded-lg border p-3.5" data-testid="ai-quota">
          <p className="font-medium">{t('quota.title')}</p>
          <p className={s.quota.exceeded ? 'mt-1 text-destructive' : 'mt-1 text-muted-foreground'}>
            {t('quota.used', { used: s.quota.used, limit: s.quota.limit })}
            {s.quota.exceeded && ` — ${t('quota.exceeded')}`}
          </p>
        </div>
      </div>

      {!canManage && (
        <p className="flex items-start gap-2 rounded-lg border bg-muted/50 px-3.5 py-3 text-sm text-muted-foreground" data-testid="ai-keys-readonly">
          <InfoIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
          {t('readOnly')}
        </p>
      )}
    </div>
  );
}

function ProviderBadge({ configured, source, hint }: { configured: boolean; source: 'env' | 'workspace' | null; hint?: string }) {
  const t = useTranslations('aiSettings');
  if (!configured) {
    return (
      <Badge variant="outline" className="text-muted-foreground" data-testid="ai-provider-state">
        <CircleDashedIcon aria-hidden />
        {t('state.none')}
      </Badge>
    );
  }
  return (
    <Badge variant="success" data-testid="ai-provider-state">
      <CheckCircle2Icon aria-hidden />
      {source === 'workspace' ? (hint ? t('state.workspaceHint', { hint }) : t('state.workspace')) : t('state.env')}
    </Badge>
  );
}

function RemoveKey({ provider }: { provider: Provider }) {
  const t = useTranslations('aiSettings');
  const qc = useQueryClient();
  const showError = useErrorToast();
  const remove = useMutation({
    mutationFn: () => api('DELETE', `/api/ai/keys/${provider}`),
    onSuccess: () => {
      toast.success(t('removed'));
      void qc.invalidateQueries({ queryKey: ['ai'] });
    },
    onError: showError,
  });
  return (
    <Button type="button" size="sm" variant="ghost" onClick={() => remove.mutate()} disabled={remove.isPending} data-testid={`ai-key-remove-${provider}`}>
      <Trash2Icon aria-hidden />
      {t('removeKey')}
    </Button>
  );
}

type Fields = 'api_key' | 'base_url' | 'model';

function KeyForm({ provider, current, onDone }: { provider: Provider; current?: AiKey; onDone: () => void }) {
  const t = useTranslations('aiSettings');
  const fieldText = useFieldErrorText();
  const qc = useQueryClient();
  const showError = useErrorToast();
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState(current?.base_url ?? '');
  const [model, setModel] = useState(current?.model ?? '');
  const [errors, setErrors] = useState<Partial<Record<Fields, string | undefined>>>({});
  const custom = provider === 'custom';

  const save = useMutation({
    mutationFn: () =>
      api<AiKey>('PUT', `/api/ai/keys/${provider}`, {
        api_key: apiKey.trim() || undefined,
        base_url: baseUrl.trim() || null,
        ...(custom ? { model: model.trim() || null } : {}),
      }),
    onSuccess: () => {
      toast.success(t('saved'));
      void qc.invalidateQueries({ queryKey: ['ai'] });
      onDone();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.fields.length) {
        const next: Partial<Record<Fields, string | undefined>> = {};
        for (const issue of err.fields) {
          const f = issue.field as Fields;
          next[f] = issue.code === 'base_url_not_allowed' ? t('baseUrlNotAllowed') : fieldText(f, fieldErrorOf(issue));
        }
        setErrors(next);
        return;
      }
      showError(err);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    save.mutate();
  };

  return (
    <form onSubmit={submit} noValidate className="mt-3 grid gap-3" data-testid={`ai-key-form-${provider}`}>
      <FormField label={t('form.apiKey')} description={custom ? t('form.apiKeyOptional') : t('form.apiKeyHint')} error={errors.api_key} required={!custom}>
        {(p) => (
          <Input {...p} type="password" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.target.value)} data-testid="ai-key-api-key" />
        )}
      </FormField>
      <FormField label={t('form.baseUrl')} description={custom ? t('form.baseUrlCustom') : t('form.baseUrlHint')} error={errors.base_url} required={custom}>
        {(p) => (
          <Input {...p} type="url" inputMode="url" placeholder={custom ? 'http://localhost:11434/v1' : 'https://…/v1'} value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} data-testid="ai-key-base-url" />
        )}
      </FormField>
      {custom && (
        <FormField label={t('form.model')} description={t('form.modelHint')} error={errors.model} required>
          {(p) => <Input {...p} placeholder="qwen2.5:7b-instruct" value={model} onChange={(e) => setModel(e.target.value)} data-testid="ai-key-model" />}
        </FormField>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" disabled={save.isPending} data-testid="ai-key-save">
          {t('form.save')}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onDone}>
          {t('form.cancel')}
        </Button>
      </div>
    </form>
  );
}
