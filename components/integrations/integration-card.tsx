'use client';
// One channel's card: status, toggle, health, name and funnel (PATCH …/config), the channel's
// own details (bot, webhook to paste into Meta, the widget's script tag), replace and disconnect.
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Controller, useForm } from 'react-hook-form';
import { KeyRoundIcon, PlugIcon, SettingsIcon, UnplugIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardFooter, CardHeader } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Separator } from '@/components/ui/separator';
import { Spinner } from '@/components/ui/spinner';
import { Switch } from '@/components/ui/switch';
import { toast } from '@/components/ui/sonner';
import { zodResolver } from '@/components/forms/resolver';
import { ConfirmDelete } from '@/components/agents/confirm-delete';
import { useClearErrorsOnChange, useErrorToast, useFieldError } from '@/components/agents/use-api-errors';
import { cn } from '@/lib/utils/cn';
import { CHANNEL_META } from './channel-meta';
import { CopyField } from './copy-field';
import { HealthList } from './health-list';
import { PipelineSelect } from './pipeline-select';
import { configFormSchema, type ConfigFormValues } from './schemas';
import { applyConnectError } from './use-connect-errors';
import { useDisconnect, usePatchConfig, useToggleIntegration } from './use-integrations';
import { Warnings } from './warnings';
import { WhatsappWebhookInfo } from './whatsapp-webhook-info';
import { snippetOf } from './web-chat-dialog';
import type { ChannelKind, Integration } from './types';

export type CardState = 'active' | 'off' | 'broken' | 'disconnected';

export function stateOf(i: Integration | null): CardState {
  if (!i) return 'disconnected';
  if (!i.is_connected) return 'broken';
  return i.is_active ? 'active' : 'off';
}

const STATE_VARIANT = { active: 'success', off: 'secondary', broken: 'destructive', disconnected: 'outline' } as const;

export function IntegrationCard({
  type,
  integration,
  canWrite,
  onConnect,
}: {
  type: ChannelKind;
  integration: Integration | null;
  canWrite: boolean;
  /** Opens the connect dialog (also "replace token" / "widget settings" on a connected card). */
  onConnect: () => void;
}) {
  const t = useTranslations('integrations');
  const meta = CHANNEL_META[type];
  const Icon = meta.icon;
  const state = stateOf(integration);
  const testId = `integration-${meta.testId}`;
  return (
    <Card className="@container min-w-0 gap-5" data-testid={testId} data-state={state}>
      <CardHeader className="flex-row items-start gap-3">
        <span className={cn('grid size-10 shrink-0 place-items-center rounded-lg', meta.accent)}>
          <Icon className="size-5" aria-hidden />
        </span>
        <div className="min-w-0 flex-1 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-base leading-snug font-semibold">{t(`types.${type}.title`)}</h2>
            <Badge variant={STATE_VARIANT[state]} data-testid={`${testId}-state`}>
              {t(`state.${state}`)}
            </Badge>
          </div>
          {integration ? (
            <Identity integration={integration} testId={testId} />
          ) : (
            <p className="text-sm text-muted-foreground">{t(`types.${type}.description`)}</p>
          )}
        </div>
        {integration && <ToggleSwitch integration={integration} canWrite={canWrite} testId={testId} />}
      </CardHeader>
      {integration ? (
        <ConnectedBody integration={integration} canWrite={canWrite} testId={testId} onConnect={onConnect} />
      ) : (
        <CardFooter className="mt-auto">
          {canWrite ? (
            <Button onClick={onConnect} data-testid={`${testId}-connect`}>
              <PlugIcon aria-hidden />
              {t('actions.connect')}
            </Button>
          ) : (
            <p className="text-sm text-muted-foreground">{t('notConnectedViewer')}</p>
          )}
        </CardFooter>
      )}
    </Card>
  );
}

function Identity({ integration, testId }: { integration: Integration; testId: string }) {
  const t = useTranslations('integrations.identity');
  const c = integration.config;
  const name = integration.name ? <span className="font-medium text-foreground">{integration.name}</span> : null;
  let detail: React.ReactNode = null;
  if (integration.type === 'telegram') {
    detail = (
      <>
        {c.bot_username && (
          <a href={`https://t.me/${c.bot_username}`} target="_blank" rel="noreferrer" className="font-medium text-foreground underline-offset-4 hover:underline" data-testid={`${testId}-bot`}>
            @{c.bot_username}
          </a>
        )}
        <span className="font-mono" aria-label={t('tokenHidden')} title={t('tokenHidden')} data-testid={`${testId}-token-mask`}>
          {t('token')} •••
        </span>
        {c.mode === 'polling' && <span>· {t('polling')}</span>}
      </>
    );
  } else if (integration.type === 'whatsapp') {
    detail = c.phone_number_id ? (
      <span data-testid={`${testId}-phone`}>
        {t('phoneNumberId')} <span className="font-mono text-foreground">{String(c.phone_number_id)}</span>
      </span>
    ) : null;
  } else if (integration.type === 'web_chat') {
    const origins = Array.isArray(c.allowed_origins) ? c.allowed_origins : [];
    detail = origins.length ? (
      <span className="[overflow-wrap:anywhere]" data-testid={`${testId}-origins`}>
        {origins.join(', ')}
      </span>
    ) : null;
  }
  return (
    <div className="grid min-w-0 gap-0.5 text-sm text-muted-foreground">
      {name && <p className="truncate">{name}</p>}
      {detail && <p className="flex min-w-0 flex-wrap items-center gap-x-2">{detail}</p>}
    </div>
  );
}

function ToggleSwitch({ integration, canWrite, testId }: { integration: Integration; canWrite: boolean; testId: string }) {
  const t = useTranslations('integrations');
  const toggle = useToggleIntegration(integration.type);
  const showError = useErrorToast();
  const [optimistic, setOptimistic] = useState<boolean | null>(null);
  const checked = optimistic ?? integration.is_active;
  return (
    <label className="flex shrink-0 items-center gap-2 text-sm">
      <span className="sr-only sm:not-sr-only sm:text-muted-foreground">{checked ? t('toggle.on') : t('toggle.off')}</span>
      <Switch
        checked={checked}
        disabled={!canWrite || toggle.isPending || !integration.is_connected}
        aria-label={t('toggle.label')}
        data-testid={`${testId}-toggle`}
        onCheckedChange={(v) => {
          setOptimistic(v);
          toggle.mutate(v, {
            onSuccess: (saved) => toast.success(saved.is_active ? t('toggle.enabled') : t('toggle.disabled')),
            onError: showError,
            onSettled: () => setOptimistic(null),
          });
        }}
      />
    </label>
  );
}

function ConnectedBody({ integration, canWrite, testId, onConnect }: { integration: Integration; canWrite: boolean; testId: string; onConnect: () => void }) {
  const t = useTranslations('integrations');
  const [confirming, setConfirming] = useState(false);
  const disconnect = useDisconnect(integration.type);
  const showError = useErrorToast();
  const snippet = integration.type === 'web_chat' ? snippetOf(integration) : null;
  const typeLabel = t(`types.${integration.type as ChannelKind}.title`);
  return (
    <>
      <CardContent className="grid min-w-0 gap-5">
        <Warnings warnings={integration.warnings} />
        <HealthList integration={integration} testId={testId} />
        {integration.type === 'whatsapp' && <WhatsappWebhookInfo integration={integration} />}
        {snippet && (
          <div className="grid gap-1.5">
            <CopyField label={t('webChat.snippet')} value={snippet} testId={`${testId}-snippet`} multiline />
            <p className="text-xs text-muted-foreground">{t('webChat.snippetHint')}</p>
          </div>
        )}
        <Separator />
        <ConfigForm integration={integration} canWrite={canWrite} testId={testId} />
      </CardContent>
      {canWrite && (
        <CardFooter className="mt-auto flex-wrap justify-between gap-2">
          <Button variant="outline" size="sm" onClick={onConnect} data-testid={`${testId}-reconnect`}>
            {integration.type === 'web_chat' ? <SettingsIcon aria-hidden /> : <KeyRoundIcon aria-hidden />}
            {t(`types.${integration.type as ChannelKind}.reconnect`)}
          </Button>
          <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive" onClick={() => setConfirming(true)} data-testid={`${testId}-disconnect`}>
            <UnplugIcon aria-hidden />
            {t('actions.disconnect')}
          </Button>
        </CardFooter>
      )}
      <ConfirmDelete
        open={confirming}
        onOpenChange={setConfirming}
        title={t('disconnect.title', { channel: typeLabel })}
        description={t('disconnect.description')}
        confirmLabel={t('actions.disconnect')}
        pending={disconnect.isPending}
        onConfirm={() =>
          disconnect.mutate(undefined, {
            onSuccess: () => {
              setConfirming(false);
              toast.success(t('disconnect.done', { channel: typeLabel }));
            },
            onError: showError,
          })
        }
      />
    </>
  );
}

function ConfigForm({ integration, canWrite, testId }: { integration: Integration; canWrite: boolean; testId: string }) {
  const t = useTranslations('integrations');
  const fieldError = useFieldError();
  const showError = useErrorToast();
  const patch = usePatchConfig(integration.type);
  const defaults = (): ConfigFormValues => ({ name: integration.name ?? '', pipeline_id: integration.pipeline_id });
  const form = useForm<ConfigFormValues, unknown, ConfigFormValues>({ resolver: zodResolver(configFormSchema), defaultValues: defaults() });
  const { errors, isDirty, isSubmitting } = form.formState;
  useClearErrorsOnChange(form);

  // Another tab or the refetch changed it: show the server's values unless mid-edit.
  useEffect(() => {
    if (!form.formState.isDirty) form.reset(defaults());
  }, [integration.name, integration.pipeline_id]); // eslint-disable-line react-hooks/exhaustive-deps

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const saved = await patch.mutateAsync({ name: values.name?.trim() || null, pipeline_id: values.pipeline_id ?? null });
      form.reset({ name: saved.name ?? '', pipeline_id: saved.pipeline_id });
      toast.success(t('saved'));
    } catch (err) {
      if (!applyConnectError(err, form.setError, form.getValues())) showError(err);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid min-w-0 gap-4" data-testid={`${testId}-config`}>
      <fieldset disabled={!canWrite} className="grid min-w-0 gap-4 @md:grid-cols-2">
        <FormField label={t('fields.name')} error={fieldError(errors.name)}>
          <Input maxLength={100} placeholder={t(`types.${integration.type as ChannelKind}.title`)} data-testid={`${testId}-name`} {...form.register('name')} />
        </FormField>
        <FormField label={t('fields.pipeline')} error={fieldError(errors.pipeline_id)}>
          {(control) => (
            <Controller
              control={form.control}
              name="pipeline_id"
              render={({ field }) => (
                <PipelineSelect value={field.value ?? null} onChange={(v) => field.onChange(v)} disabled={!canWrite} testId={`${testId}-pipeline`} control={control} />
              )}
            />
          )}
        </FormField>
      </fieldset>
      {canWrite && isDirty && (
        <div className="flex justify-end gap-2">
          <Button type="button" variant="outline" size="sm" onClick={() => form.reset(defaults())} disabled={isSubmitting}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" size="sm" disabled={isSubmitting} data-testid={`${testId}-save`}>
            {isSubmitting && <Spinner aria-hidden />}
            {t('actions.save')}
          </Button>
        </div>
      )}
    </form>
  );
}
