'use client';
// Deal and contact fields: the system ones (read-only) and the workspace's own custom fields.
import { useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { useQueryClient } from '@tanstack/react-query';
import { LockIcon, PencilIcon, PlusIcon, Trash2Icon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/sonner';
import { ViewerNote } from '@/components/agents/viewer-note';
import { ConfirmDelete } from '@/components/agents/confirm-delete';
import { api } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { systemFieldsOf } from '@/lib/crm/system-fields';
import { isLocale } from '@/lib/i18n/config';
import { SetupHeader } from './setup-tabs';
import { useFields } from './use-crm-setup';
import { FieldDialog } from './field-dialog';
import { crmKeys, type Field } from './types';

type Entity = 'deal' | 'contact';

export function FieldsSettings({ canWrite, canAdmin }: { canWrite: boolean; canAdmin: boolean }) {
  const t = useTranslations('crmSetup.fields');
  const fields = useFields();
  const [dialog, setDialog] = useState<{ entity: Entity; field: Field | null } | null>(null);
  const [deleting, setDeleting] = useState<Field | null>(null);
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const showError = useErrorToast();

  const remove = async () => {
    if (!deleting) return;
    setBusy(true);
    try {
      await api('DELETE', `/api/crm/fields/${deleting.id}`);
      toast.success(t('deleted', { name: deleting.name }));
      await qc.invalidateQueries({ queryKey: crmKeys.fields() });
      setDeleting(null);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-6" data-testid="crm-fields-page">
      <SetupHeader active="fields" />
      {!canWrite && <ViewerNote />}
      <div className="grid gap-6 xl:grid-cols-2">
        {(['deal', 'contact'] as const).map((entity) => (
          <FieldList
            key={entity}
            entity={entity}
            fields={fields.data?.filter((f) => f.entity_type === entity)}
            loading={fields.isPending}
            canWrite={canWrite}
            canAdmin={canAdmin}
            onAdd={() => setDialog({ entity, field: null })}
            onEdit={(field) => setDialog({ entity, field })}
            onDelete={setDeleting}
          />
        ))}
      </div>
      <FieldDialog open={!!dialog} entity={dialog?.entity ?? 'deal'} field={dialog?.field ?? null} onClose={() => setDialog(null)} />
      <ConfirmDelete
        open={!!deleting}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t('deleteTitle', { name: deleting?.name ?? '' })}
        description={t('deleteDescription')}
        pending={busy}
        onConfirm={remove}
      />
    </div>
  );
}

function FieldList({
  entity,
  fields,
  loading,
  canWrite,
  canAdmin,
  onAdd,
  onEdit,
  onDelete,
}: {
  entity: Entity;
  fields: Field[] | undefined;
  loading: boolean;
  canWrite: boolean;
  canAdmin: boolean;
  onAdd: () => void;
  onEdit: (f: Field) => void;
  onDelete: (f: Field) => void;
}) {
  const t = useTranslations('crmSetup.fields');
  const raw = useLocale();
  const locale = isLocale(raw) ? raw : 'ru';
  return (
    <section className="min-w-0 rounded-xl border bg-card" aria-labelledby={`fields-${entity}`} data-testid={`fields-${entity}`}>
      <header className="flex items-center justify-between gap-2 border-b p-4">
        <h2 id={`fields-${entity}`} className="font-semibold">
          {t(`entity.${entity}`)}
        </h2>
        {canWrite && (
          <Button size="sm" onClick={onAdd} data-testid={`field-add-${entity}`}>
            <PlusIcon aria-hidden />
            {t('add')}
          </Button>
        )}
      </header>
      <ul className="divide-y">
        {loading && (
          <li className="p-4">
            <Skeleton className="h-10" />
          </li>
        )}
        {fields?.map((f) => (
          <li key={f.id} className="flex items-start justify-between gap-3 p-4" data-testid="field-row" data-code={f.code}>
            <div className="min-w-0 space-y-1">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium break-words">{f.name}</span>
                <Badge variant="outline">{t(`types.${f.field_type}`)}</Badge>
                {f.is_required && <Badge variant="warning">{t('required')}</Badge>}
              </div>
              <p className="font-mono text-xs break-all text-muted-foreground">{f.code}</p>
              {f.options.length > 0 && <p className="text-xs break-words text-muted-foreground">{f.options.join(' · ')}</p>}
              {f.description && <p className="text-sm break-words text-muted-foreground">{f.description}</p>}
            </div>
            <div className="flex shrink-0 gap-1">
              {canWrite && (
                <Button variant="ghost" size="icon" onClick={() => onEdit(f)} aria-label={t('editNamed', { name: f.name })} data-testid="field-edit">
                  <PencilIcon aria-hidden />
                </Button>
              )}
              {canAdmin && (
                <Button variant="ghost" size="icon" onClick={() => onDelete(f)} aria-label={t('deleteNamed', { name: f.name })} data-testid="field-delete">
                  <Trash2Icon aria-hidden />
                </Button>
              )}
            </div>
          </li>
        ))}
        {fields && !fields.length && <li className="p-4 text-sm text-muted-foreground">{t('noCustom')}</li>}
      </ul>
      <div className="border-t bg-muted/40 p-4">
        <h3 className="mb-2 flex items-center gap-1.5 text-sm font-medium text-muted-foreground">
          <LockIcon className="size-3.5" aria-hidden />
          {t('system')}
        </h3>
        <ul className="flex flex-wrap gap-1.5" data-testid={`system-fields-${entity}`}>
          {systemFieldsOf(entity).map((f) => (
            <li key={f.code} className="rounded-md border bg-background px-2 py-0.5 text-xs" title={f.code}>
              {f.name[locale]} <span className="font-mono text-muted-foreground">{f.code}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
