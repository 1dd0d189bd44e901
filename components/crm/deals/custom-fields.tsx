'use client';
// The workspace's custom deal fields (GET /api/crm/fields?entity_type=deal), each edited by its
// type and saved as custom_fields {code: value} (the server validates and names a bad field).
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import type { Field } from './types';

const EMPTY = '__empty';
const INPUT_TYPE: Record<string, string> = { number: 'number', money: 'number', date: 'date', email: 'email', url: 'url', phone: 'tel' };

function FieldInput({ field, value, disabled, onSave }: { field: Field; value: unknown; disabled: boolean; onSave: (v: unknown) => void }) {
  const t = useTranslations('deals.panel');
  const id = `deal-cf-${field.code}`;
  const [text, setText] = useState(value === null || value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value));
  if (field.field_type === 'boolean') {
    return <Checkbox id={id} checked={value === true} onCheckedChange={(c) => onSave(c === true)} disabled={disabled} />;
  }
  if (field.field_type === 'select') {
    return (
      <Select value={typeof value === 'string' ? value : EMPTY} onValueChange={(v) => onSave(v === EMPTY ? null : v)} disabled={disabled}>
        <SelectTrigger id={id} className="w-full">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={EMPTY}>{t('notSet')}</SelectItem>
          {field.options.map((o) => (
            <SelectItem key={o} value={o}>
              {o}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    );
  }
  const commit = () => {
    const raw = text.trim();
    let next: unknown = raw === '' ? null : raw;
    if (raw && (field.field_type === 'number' || field.field_type === 'money')) next = Number(raw.replace(',', '.'));
    if (field.field_type === 'multiselect') next = raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : [];
    if (JSON.stringify(next) !== JSON.stringify(value ?? null)) onSave(next);
  };
  return (
    <Input
      id={id}
      type={INPUT_TYPE[field.field_type] ?? 'text'}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), commit())}
      placeholder={field.field_type === 'multiselect' ? field.options.join(', ') : undefined}
      disabled={disabled}
    />
  );
}

export function CustomFields({
  fields,
  values,
  canWrite,
  onSave,
}: {
  fields: Field[];
  values: Record<string, unknown>;
  canWrite: boolean;
  onSave: (changes: Record<string, unknown>) => void;
}) {
  if (!fields.length) return null;
  return (
    <div className="grid gap-3 sm:grid-cols-2" data-testid="deal-custom-fields">
      {fields.map((f) => (
        <div key={f.id} className="space-y-1">
          <Label htmlFor={`deal-cf-${f.code}`}>
            {f.name}
            {f.is_required && <span className="text-destructive"> *</span>}
          </Label>
          <FieldInput field={f} value={values?.[f.code]} disabled={!canWrite} onSave={(v) => onSave({ [f.code]: v })} />
        </div>
      ))}
    </div>
  );
}
