'use client';
// Create or edit a custom field: name, code (from the name until created), type, options for
// selects, required, description.
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Switch } from '@/components/ui/switch';
import { Textarea } from '@/components/ui/textarea';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { DialogFooter } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { api } from '@/components/agents/api-client';
import { FormDialog, stickyFooterClass } from '@/components/agents/form-dialog';
import { TagInput } from '@/components/agents/tag-input';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { isSystemFieldCode } from '@/lib/crm/system-fields';
import { CODE_RE, codeFromName } from './code-from-name';
import { useServerFieldErrors } from './use-stage-messages';
import { FIELD_TYPES, crmKeys, type Field, type FieldType } from './types';

const hasOptions = (type: FieldType) => type === 'select' || type === 'multiselect';

export function FieldDialog({ open, entity, field, onClose }: { open: boolean; entity: 'deal' | 'contact'; field: Field | null; onClose: () => void }) {
  const t = useTranslations('crmSetup.fields');
  const qc = useQueryClient();
  const showError = useErrorToast();
  const serverErrors = useServerFieldErrors();
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [codeTouched, setCodeTouched] = useState(false);
  const [type, setType] = useState<FieldType>('text');
  const [options, setOptions] = useState<string[]>([]);
  const [required, setRequired] = useState(false);
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (!open) return;
    setName(field?.name ?? '');
    setCode(field?.code ?? '');
    setCodeTouched(false);
    setType(field?.field_type ?? 'text');
    setOptions(field?.options ?? []);
    setRequired(field?.is_required ?? false);
    setDescription(field?.description ?? '');
    setErrors({});
    setDirty(false);
  }, [open, field?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!name.trim()) errs.name = t('errors.required');
    if (!field) {
      if (!CODE_RE.test(code)) errs.code = t('errors.code');
      else if (isSystemFieldCode(entity, code)) errs.code = t('errors.systemCode');
    }
    if (hasOptions(type) && !options.length) errs.options = t('errors.options');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const body = {
      name: name.trim(),
      is_required: required,
      description: description.trim() || null,
      ...(hasOptions(type) ? { options } : {}),
    };
    setBusy(true);
    try {
      if (field) {
        await api('PATCH', `/api/crm/fields/${field.id}`, body);
        toast.success(t('saved'));
      } else {
        await api('POST', '/api/crm/fields', { ...body, entity_type: entity, code, field_type: type });
        toast.success(t('created', { name: body.name }));
      }
      await qc.invalidateQueries({ queryKey: crmKeys.fields() });
      onClose();
    } catch (err) {
      const fields = serverErrors(err);
      if (fields) setErrors(fields);
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const touch = () => setDirty(true);
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      dirty={dirty}
      busy={busy}
      title={field ? t('editTitle') : t(`newTitle.${entity}`)}
      testId="field-dialog"
    >
      <form onSubmit={submit} onChange={touch} className="space-y-4" noValidate>
        <div className="space-y-1.5">
          <Label htmlFor="field-name">{t('name')}</Label>
          <Input
            id="field-name"
            value={name}
            maxLength={255}
            aria-invalid={errors.name ? true : undefined}
            data-testid="field-name"
            onChange={(e) => {
              setName(e.target.value);
              if (!field && !codeTouched) setCode(codeFromName(e.target.value));
            }}
          />
          {errors.name && <p className="text-xs text-destructive">{errors.name}</p>}
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="space-y-1.5">
            <Label htmlFor="field-code">{t('code')}</Label>
            <Input
              id="field-code"
              value={code}
              maxLength={64}
              disabled={!!field}
              className="font-mono text-sm"
              aria-invalid={errors.code ? true : undefined}
              aria-describedby="field-code-hint"
              data-testid="field-code"
              onChange={(e) => {
                setCode(e.target.value.toLowerCase());
                setCodeTouched(true);
              }}
            />
            <p id="field-code-hint" className="text-xs text-muted-foreground">
              {field ? t('codeFixed') : t('codeHint')}
            </p>
            {errors.code && <p className="text-xs text-destructive">{errors.code}</p>}
          </div>
          <div className="space-y-1.5">
            <Label>{t('type')}</Label>
            <Select value={type} onValueChange={(v) => (setType(v as FieldType), touch())} disabled={!!field}>
              <SelectTrigger className="w-full" data-testid="field-type" aria-label={t('type')}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {FIELD_TYPES.map((ft) => (
                  <SelectItem key={ft} value={ft} data-testid={`field-type-${ft}`}>
                    {t(`types.${ft}`)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
        </div>
        {hasOptions(type) && (
          <div className="space-y-1.5">
            <Label htmlFor="field-options">{t('options')}</Label>
            <TagInput
              id="field-options"
              value={options}
              onChange={(v) => (setOptions(v), touch())}
              placeholder={t('optionsHint')}
              invalid={!!errors.options}
              maxLength={255}
              testId="field-options"
            />
            {errors.options && <p className="text-xs text-destructive">{errors.options}</p>}
          </div>
        )}
        <label className="flex items-center gap-3 text-sm">
          <Switch checked={required} onCheckedChange={(v) => (setRequired(v), touch())} data-testid="field-required" />
          {t('isRequired')}
        </label>
        <div className="space-y-1.5">
          <Label htmlFor="field-description">{t('description')}</Label>
          <Textarea id="field-description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={1000} rows={2} />
        </div>
        <DialogFooter className={stickyFooterClass}>
          <Button type="button" variant="outline" onClick={onClose} disabled={busy}>
            {t('cancel')}
          </Button>
          <Button type="submit" disabled={busy} data-testid="field-submit">
            {busy && <Spinner aria-hidden />}
            {field ? t('save') : t('create')}
          </Button>
        </DialogFooter>
      </form>
    </FormDialog>
  );
}
