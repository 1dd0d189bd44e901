'use client';
// The site chat: connect it (allowed origins, title, greeting, colour), or change those settings
// later (PATCH …/config). After connecting, the one script tag to paste into the site.
import { useTranslations } from 'next-intl';
import { Controller } from 'react-hook-form';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { FormField } from '@/components/ui/form-field';
import { toast } from '@/components/ui/sonner';
import { FormAlert } from '@/components/forms/form-alert';
import { FormDialog } from '@/components/agents/form-dialog';
import { ConnectFooter, DoneFooter, NameAndPipelineFields, namePipelineBody, useConnectForm } from './connect-form';
import { originsOf, webChatFormSchema, type WebChatFormValues } from './schemas';
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
  const connect = useConnect('web_chat');
  const patch = usePatchConfig('web_chat');
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const defaults = (): WebChatFormValues => ({
    allowed_origins: Array.isArray(existing?.config.allowed_origins) ? existing.config.allowed_origins.join('\n') : '',
    title: str(existing?.config.title),
    greeting: str(existing?.config.greeting),
    color: str(existing?.config.color) || DEFAULT_WIDGET_COLOR,
    name: existing?.name ?? '',
    pipeline_id: existing?.pipeline_id ?? null,
  });
  const { form, fieldError, formError, done, onSubmit, reset } = useConnectForm(webChatFormSchema, defaults, open, async (values, finish) => {
    const body = {
      allowed_origins: originsOf(values.allowed_origins),
      ...(values.title?.trim() ? { title: values.title.trim() } : {}),
      greeting: values.greeting?.trim() ?? '',
      color: values.color,
      ...namePipelineBody(values),
    };
    if (existing) {
      await patch.mutateAsync(body);
      toast.success(shared('saved'));
      reset();
      onClose();
    } else {
      finish(await connect.mutateAsync(body));
    }
  });
  const { errors, isDirty, isSubmitting } = form.formState;

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
          <DoneFooter onClose={onClose} testId="web-chat-connect-finish" />
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
          <NameAndPipelineFields form={form} fieldError={fieldError} testPrefix="web-chat" />
          <ConnectFooter onClose={onClose} busy={isSubmitting} label={existing ? shared('actions.save') : shared('actions.connect')} testId="web-chat-submit" />
        </form>
      )}
    </FormDialog>
  );
}
