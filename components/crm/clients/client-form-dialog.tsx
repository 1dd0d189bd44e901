'use client';
// Create or edit a client: name, phone, email, city, type, status, responsible, messenger ids, custom fields.
// Edits send the version they were read at; a stale one reloads the card.
import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { FormField } from '@/components/ui/form-field';
import { Spinner } from '@/components/ui/spinner';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { FormAlert } from '@/components/forms/form-alert';
import { FormDialog, stickyFooterClass } from '@/components/agents/form-dialog';
import { api, ApiError } from '@/components/agents/api-client';
import { useErrorText } from '@/components/agents/use-api-errors';
import { toast } from '@/components/ui/sonner';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';
import { CLIENT_STATUSES, CLIENT_TYPES, clientKeys, type Client, type ClientStatus, type ClientType } from './types';
import { useContactFields, useMembers } from './use-crm-data';
import { CustomFieldInput } from './custom-field-input';
import { conflictClientId, useIssueTexts } from './use-server-fields';

const NOBODY = '__nobody__';

interface Values {
  name: string;
  phone: string;
  email: string;
  city: string;
  type: ClientType;
  status: ClientStatus;
  responsible_user_id: string;
  telegram_id: string;
  whatsapp_id: string;
  custom_fields: Record<string, unknown>;
}

function initialValues(client?: Client): Values {
  return {
    name: client?.name ?? '',
    phone: client?.phone ?? '',
    email: client?.email ?? '',
    city: client?.city ?? '',
    type: client?.type ?? 'new',
    status: client?.status ?? 'active',
    responsible_user_id: client?.responsible?.id ?? '',
    telegram_id: '',
    whatsapp_id: '',
    custom_fields: { ...(client?.custom_fields ?? {}) },
  };
}

export function ClientFormDialog({ open, onClose, client }: { open: boolean; onClose: () => void; client?: Client }) {
  const t = useTranslations('clients.form');
  const router = useRouter();
  const wsHref = useWorkspaceHref();
  const qc = useQueryClient();
  const members = useMembers();
  const fields = useContactFields();
  const errorText = useErrorText();
  const issueTexts = useIssueTexts();
  const [values, setValues] = useState<Values>(() => initialValues(client));
  const [dirty, setDirty] = useState(false);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<{ text: string; clientId: string | null } | null>(null);
  const set = <K extends keyof Values>(k: K, v: Values[K]) => {
    setValues((s) => ({ ...s, [k]: v }));
    setDirty(true);
    setIssues((s) => {
      const { [k]: _gone, ...rest } = s;
      return rest;
    });
  };
  const setCustom = (code: string, v: unknown) => {
    setValues((s) => ({ ...s, custom_fields: { ...s.custom_fields, [code]: v } }));
    setDirty(true);
  };

  const save = useMutation({
    mutationFn: () => {
      const body: Record<string, unknown> = {
        name: values.name.trim(),
        phone: values.phone.trim() || null,
        email: values.email.trim() || null,
        city: values.city.trim() || null,
        type: values.type,
        responsible_user_id: values.responsible_user_id || null,
        custom_fields: values.custom_fields,
      };
      if (client) return api<{ client: Client }>('PATCH', `/api/clients/${client.id}`, { ...body, status: values.status, version: client.version });
      if (values.telegram_id.trim()) body.telegram_id = values.telegram_id.trim();
      if (values.whatsapp_id.trim()) body.whatsapp_id = values.whatsapp_id.trim();
      return api<{ client: Client }>('POST', '/api/clients', body);
    },
    onSuccess: ({ client: saved }) => {
      qc.invalidateQueries({ queryKey: ['clients', 'list'] });
      qc.setQueryData(clientKeys.card(saved.id), saved);
      qc.invalidateQueries({ queryKey: clientKeys.events(saved.id) });
      toast.success(client ? t('saved') : t('created'));
      onClose();
      if (!client) router.push(wsHref(`/clients/${saved.id}`));
    },
    onError: (err) => {
      if (client && err instanceof ApiError && err.code === 'stale_version') {
        toast.error(t('stale'));
        qc.invalidateQueries({ queryKey: clientKeys.card(client.id) });
        onClose();
        return;
      }
      const byField = issueTexts(err);
      setIssues(byField);
      const existing = conflictClientId(err);
      if (existing || !Object.keys(byField).length) setFormError({ text: errorText(err), clientId: existing });
      else setFormError(null);
    },
  });

  const err = (k: string) => issues[k];
  const customError = (code: string) => issues[`custom_fields.${code}`];

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      dirty={dirty}
      busy={save.isPending}
      title={client ? t('editTitle') : t('createTitle')}
      testId="client-form"
      className="max-h-[90dvh] overflow-y-auto"
    >
      <form
        className="grid gap-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setFormError(null);
          if (!values.name.trim()) {
            setIssues({ name: t('nameRequired') });
            return;
          }
          save.mutate();
        }}
      >
        {formError && (
          <FormAlert testId="client-form-error">
            <span>
              {formError.text}
              {formError.clientId && (
                <>
                  {' '}
                  <Link href={wsHref(`/clients/${formError.clientId}`)} className="font-medium underline" data-testid="client-form-existing" onClick={onClose}>
                    {t('openExisting')}
                  </Link>
                </>
              )}
            </span>
          </FormAlert>
        )}
        <FormField label={t('name')} required error={err('name')}>
          <Input value={values.name} onChange={(e) => set('name', e.target.value)} autoComplete="off" data-testid="client-form-name" />
        </FormField>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label={t('phone')} error={err('phone')} description={t('phoneHint')}>
            <Input type="tel" value={values.phone} onChange={(e) => set('phone', e.target.value)} data-testid="client-form-phone" />
          </FormField>
          <FormField label={t('email')} error={err('email')}>
            <Input type="email" value={values.email} onChange={(e) => set('email', e.target.value)} data-testid="client-form-email" />
          </FormField>
          <FormField label={t('city')} error={err('city')}>
            <Input value={values.city} onChange={(e) => set('city', e.target.value)} data-testid="client-form-city" />
          </FormField>
          <FormField label={t('type')} error={err('type')}>
            {(p) => (
              <Select value={values.type} onValueChange={(v) => set('type', v as ClientType)}>
                <SelectTrigger className="w-full" {...p} data-testid="client-form-type">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {CLIENT_TYPES.map((s) => (
                    <SelectItem key={s} value={s}>
                      {t(`typeOptions.${s}`)}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </FormField>
          {client && (
            <FormField label={t('status')} error={err('status')}>
              {(p) => (
                <Select value={values.status} onValueChange={(v) => set('status', v as ClientStatus)}>
                  <SelectTrigger className="w-full" {...p} data-testid="client-form-status">
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {CLIENT_STATUSES.map((s) => (
                      <SelectItem key={s} value={s}>
                        {t(`statusOptions.${s}`)}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            </FormField>
          )}
          <FormField label={t('responsible')} error={err('responsible_user_id')}>
            {(p) => (
              <Select value={values.responsible_user_id || NOBODY} onValueChange={(v) => set('responsible_user_id', v === NOBODY ? '' : v)}>
                <SelectTrigger className="w-full" {...p} data-testid="client-form-responsible">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value={NOBODY}>{t('nobody')}</SelectItem>
                  {members.data?.map((m) => (
                    <SelectItem key={m.user_id} value={m.user_id}>
                      {m.full_name || m.email}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </FormField>
          {!client && (
            <>
              <FormField label={t('telegram')} error={err('telegram_id')}>
                <Input value={values.telegram_id} onChange={(e) => set('telegram_id', e.target.value)} placeholder="@username / 123456789" data-testid="client-form-telegram" />
              </FormField>
              <FormField label={t('whatsapp')} error={err('whatsapp_id')}>
                <Input value={values.whatsapp_id} onChange={(e) => set('whatsapp_id', e.target.value)} placeholder="+77011234567" data-testid="client-form-whatsapp" />
              </FormField>
            </>
          )}
        </div>
        {!!fields.data?.length && (
          <fieldset className="grid gap-4 sm:grid-cols-2">
            <legend className="mb-2 text-sm font-semibold">{t('customFields')}</legend>
            {fields.data.map((f) => (
              <FormField key={f.id} label={f.name} required={f.is_required} error={customError(f.code)} description={f.description ?? undefined}>
                {(p) => <CustomFieldInput field={f} value={values.custom_fields[f.code]} onChange={(v) => setCustom(f.code, v)} id={p.id} invalid={!!p['aria-invalid']} />}
              </FormField>
            ))}
          </fieldset>
        )}
        <div className={stickyFooterClass + ' flex justify-end gap-2'}>
          <Button type="button" variant="outline" onClick={onClose} disabled={save.isPending}>
            {t('cancel')}
          </Button>
          <Button type="submit" disabled={save.isPending} data-testid="client-form-submit">
            {save.isPending && <Spinner aria-hidden />}
            {client ? t('save') : t('create')}
          </Button>
        </div>
      </form>
    </FormDialog>
  );
}
