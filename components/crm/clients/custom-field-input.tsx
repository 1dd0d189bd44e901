'use client';
// One input per custom field type (text, number, money, date, boolean, select, multiselect, phone, email, url).
import { useTranslations } from 'next-intl';
import { Input } from '@/components/ui/input';
import { Switch } from '@/components/ui/switch';
import { Checkbox } from '@/components/ui/checkbox';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import type { CrmField } from './types';

const NONE = '__none__';

export function CustomFieldInput({
  field,
  value,
  onChange,
  id,
  invalid,
}: {
  field: CrmField;
  value: unknown;
  onChange: (v: unknown) => void;
  id?: string;
  invalid?: boolean;
}) {
  const t = useTranslations('clients.form');
  const testId = `custom-field-${field.code}`;
  const common = { id, 'aria-invalid': invalid || undefined, 'data-testid': testId } as const;
  switch (field.field_type) {
    case 'boolean':
      return <Switch {...common} checked={value === true} onCheckedChange={(v) => onChange(v)} />;
    case 'number':
    case 'money':
      return (
        <Input
          {...common}
          type="number"
          inputMode="decimal"
          step="any"
          value={typeof value === 'number' || typeof value === 'string' ? String(value) : ''}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
        />
      );
    case 'date':
      return (
        <Input {...common} type="date" value={typeof value === 'string' ? value.slice(0, 10) : ''} onChange={(e) => onChange(e.target.value || null)} />
      );
    case 'select':
      return (
        <Select value={typeof value === 'string' && value ? value : NONE} onValueChange={(v) => onChange(v === NONE ? null : v)}>
          <SelectTrigger className="w-full" {...common}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={NONE}>{t('notSet')}</SelectItem>
            {field.options.map((o) => (
              <SelectItem key={o} value={o}>
                {o}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      );
    case 'multiselect': {
      const list = Array.isArray(value) ? (value as string[]) : [];
      return (
        <div className="flex flex-wrap gap-x-4 gap-y-2" data-testid={testId} id={id}>
          {field.options.map((o) => (
            <label key={o} className="flex items-center gap-2 text-sm">
              <Checkbox
                checked={list.includes(o)}
                onCheckedChange={(c) => onChange(c ? [...list, o] : list.filter((x) => x !== o))}
              />
              {o}
            </label>
          ))}
        </div>
      );
    }
    default:
      return (
        <Input
          {...common}
          type={field.field_type === 'email' ? 'email' : field.field_type === 'url' ? 'url' : field.field_type === 'phone' ? 'tel' : 'text'}
          value={typeof value === 'string' || typeof value === 'number' ? String(value) : ''}
          onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
        />
      );
  }
}

/** A stored value as text (read-only views). */
export function customValueText(field: CrmField, value: unknown, yes: string, no: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field.field_type === 'boolean') return value ? yes : no;
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}
