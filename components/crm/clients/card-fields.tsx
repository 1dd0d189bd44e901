'use client';
// The contact's custom fields: read view, and an edit mode with one input per field type.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { PencilIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import type { Client } from './types';
import { useContactFields } from './use-crm-data';
import { CardSection, Muted } from './card-section';
import { CustomFieldInput, customValueText } from './custom-field-input';
import { usePatchClient } from './use-patch-client';
import { useIssueTexts } from './use-server-fields';

export function CardFields({ client, canWrite }: { client: Client; canWrite: boolean }) {
  const t = useTranslations('clients.card.fields');
  const fields = useContactFields();
  const issueTexts = useIssueTexts();
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [issues, setIssues] = useState<Record<string, string>>({});
  const patch = usePatchClient(client, () => setEditing(false));
  const list = fields.data ?? [];
  return (
    <CardSection
      title={t('title')}
      testId="card-fields"
      action={
        canWrite &&
        !editing &&
        list.length > 0 && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setValues({ ...client.custom_fields });
              setIssues({});
              setEditing(true);
            }}
            data-testid="fields-edit"
          >
            <PencilIcon aria-hidden />
            {t('edit')}
          </Button>
        )
      }
    >
      {list.length === 0 && <Muted>{t('empty')}</Muted>}
      {!editing && list.length > 0 && (
        <dl className="grid grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)] gap-x-3 gap-y-2 text-sm">
          {list.map((f) => (
            <div key={f.id} className="contents">
              <dt className="truncate text-muted-foreground">{f.name}</dt>
              <dd className="break-words" data-testid={`field-value-${f.code}`}>
                {customValueText(f, client.custom_fields[f.code], t('yes'), t('no'))}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {editing && (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            patch.mutate(
              { custom_fields: values },
              { onError: (err) => setIssues(issueTexts(err)) },
            );
          }}
        >
          {list.map((f) => (
            <FormField key={f.id} label={f.name} required={f.is_required} error={issues[`custom_fields.${f.code}`]}>
              {(p) => <CustomFieldInput field={f} value={values[f.code]} onChange={(v) => setValues((s) => ({ ...s, [f.code]: v }))} id={p.id} invalid={!!p['aria-invalid']} />}
            </FormField>
          ))}
          <div className="flex justify-end gap-2">
            <Button type="button" size="sm" variant="outline" onClick={() => setEditing(false)}>
              {t('cancel')}
            </Button>
            <Button type="submit" size="sm" disabled={patch.isPending} data-testid="fields-save">
              {t('save')}
            </Button>
          </div>
        </form>
      )}
    </CardSection>
  );
}
