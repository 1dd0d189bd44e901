'use client';
// The site chat: connect it (allowed origins, title, greeting, colour), or change those settings
// later (PATCH …/config). After connecting, the one script tag to paste into the site.
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Controller, useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { FormField } from '@/components/ui/form-field';
import { DialogFooter } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { FormAlert } from '@/components/forms/form-alert';
import { zodResolver } from '@/components/forms/resolver';
import { FormDialog } from '@/components/agents/form-dialog';
import { useClearErrorsOnChange, useErrorText, useFieldError } from '@/components/agents/use-api-errors';
import { PipelineSelect } from './pipeline-select';
import { originsOf, webChatFormSchema, type WebChatFormValues } from './schemas';
import { applyConnectError } from './use-connect-errors';
import { useConnect, usePatchConfig } from './use-integrations';
import { CopyField } from './copy-field';
import { Warnings } from './warnings';
import type { Integration } from './types';

export const DEFAULT_WIDGET_COLOR = '#2563eb';

/** The script tag: the API's, or built from the key when an older answer lacks it. */
export function snippetOf(i: Integration): string | null {
  if (typeof i.config.snippet === 'string' && i.config.snippet) return i.config.snippet;
  if (!i.public_key || typeof window === 'undefined') return null;
  return `<script src="${window.location.origin}/widget.js" data-key="${i.public_key}" async></script>`;
}

export function WebChatDialog({ open, onClose, existing }: { open: boolean; onClose: () => void; existing: Integration | null }) {
  const t = useTranslations('integrations.webChat');
  const shared = useTranslations('integrations');
  const fieldError = useFieldError();
  const errorText = useErrorText();
  const connect = useConnect('web_chat');
  const patch = usePatchConfig('web_chat');
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<Integration | null>(null);
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const defaults = (): WebChatFormValues => ({
    allowed_origins: Array.isArray(existing?.config.allowed_origins) ? existing.config.allowed_origins.join('\n') : '',
    title: str(existing?.config.title),
    greeting: str(existing?.config.greeting),
    color: str(existing?.config.color) || DEFAULT_WIDGET_COLOR,
    name: existing?.name ?? '',
    pipeline_id: existing?.pipeline_id ?? null,
  });
  const form = useForm<WebChatFormValues, unknown, WebChatFormValues>({ resolver: zodResolver(webChatFormSchema), defaultValues: defaults() });
  const { errors, isDirty, isSubmitting } = form.formState;
  useClearErrorsOnChange(form);

  useEffect(() => {
    if (open) {
      form.reset(defaults());
      setFormError(null);
      setDone(null);
    }
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    const body = {
      allowed_origins: originsOf(values.allowed_origins),
      ...(values.title?.trim() ? { title: values.title.trim() } : {}),
      greeting: values.greeting?.trim() ?? '',
      color: values.color,
      ...(values.name?.trim() ? { name: values.name.trim() } : {}),
      pipeline_id: values.pipeline_id ?? null,
    };
    try {
      if (existing) {
        await patch.mutateAsync(body);
        toast.success(shared('saved'));
        form.reset(defaults());
        onClose();
      } else {
        const saved = await connect.mutateAsync(body);
        form.reset(defaults());
        setDone(saved);
      }
    } catch (err) {
      if (!applyConnectError(err, form.setError, form.getValues())) setFormError(errorText(err));
    }
  });

  const snippet = done ? snippetOf(done) : null;
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      dirty={!done && isDirty}
      busy={isSubmitting}
      title={done ? t('doneTitle') : existing ? t('editTitle') : t('connectTitle')}
      description={done ? t('doneDescription') : t('connectDescription')}
      testId="web-chat-dialog"
      className="sm:max-w-2xl"
    >
      {done ? (
        <div className="grid min-w-0 gap-4" data-testid="web-chat-connect-done">
          <Warnings warnings={done.warnings} />
          {snippet && <CopyField label={t('snippet')} value={snippet} testId="web-chat-snippet" multiline />}
          <p className="text-sm text-muted-foreground">{t('snippetHint')}</p>
          <DialogFooter>
            <Button type="button" onClick={onClose} data-testid="web-chat-connect-finish">
              {shared('actions.done')}
            </Button>
          </DialogFooter>
        </div>
      ) : (
        <form onSubmit={onSubmit} noValidate className="grid min-w-0 gap-5">
          <FormAlert testId="web-chat-error">{formError}</FormAlert>
          <FormField label={t('origins')} description={t('originsHint')} error={fieldError(errors.allowed_origins)} required>
            <Textarea rows={3} autoFocus spellCheck={false} className="font-mono text-sm" placeholder="https://shop.kz" data-testid="web-chat-origins" {...form.register('allowed_origins')} />
          </FormField>
          <div className="grid gap-5 sm:grid-cols-[1fr_auto]">
            <FormField label={t('title')} error={fieldError(errors.title)}>
              <Input maxLength={80} placeholder={t('titlePlaceholder')} data-testid="web-chat-title" {...form.register('title')} />
            </FormField>
            <FormField label={t('color')} error={fieldError(errors.color)}>
              {(control) => (
                <Controller
                  control={form.control}
                  name="color"
                  render={({ field }) => (
                    <div className="flex items-center gap-2">
                      <input
                        type="color"
                        value={/^#[0-9a-f]{6}$/i.test(field.value) ? field.value : DEFAULT_WIDGET_COLOR}
                        onChange={(e) => field.onChange(e.target.value)}
                        className="h-9 w-11 cursor-pointer rounded-md border bg-background p-1"
                        aria-label={t('color')}
                      />
                      <Input {...control} value={field.value} onChange={field.onChange} onBlur={field.onBlur} className="w-28 font-mono" maxLength={7} data-testid="web-chat-color" />
                    </div>
                  )}
                />
              )}
            </FormField>
          </div>
          <FormField label={t('greeting')} error={fieldError(errors.greeting)}>
            <Textarea rows={2} maxLength={500} placeholder={t('greetingPlaceholder')} data-testid="web-chat-greeting" {...form.register('greeting')} />
          </FormField>
          <FormField label={shared('fields.name')} description={shared('fields.nameHint')} error={fieldError(errors.name)}>
            <Input maxLength={100} data-testid="web-chat-name" {...form.register('name')} />
          </FormField>
          <FormField label={shared('fields.pipeline')} description={shared('fields.pipelineHint')} error={fieldError(errors.pipeline_id)}>
            {(control) => (
              <Controller
                control={form.control}
                name="pipeline_id"
                render={({ field }) => <PipelineSelect value={field.value ?? null} onChange={field.onChange} testId="web-chat-pipeline" control={control} />}
              />
            )}
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose} disabled={isSubmitting}>
              {shared('actions.cancel')}
            </Button>
            <Button type="submit" disabled={isSubmitting} data-testid="web-chat-submit">
              {isSubmitting && <Spinner aria-hidden />}
              {existing ? shared('actions.save') : shared('actions.connect')}
            </Button>
          </DialogFooter>
        </form>
      )}
    </FormDialog>
  );
}
