'use client';
// Add or edit a price-list row: vertical, category, device pattern (* and ?), service, price
// from/to, currency, duration.
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Switch } from '@/components/ui/switch';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { DialogFooter } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { api } from '@/components/agents/api-client';
import { FormDialog, stickyFooterClass } from '@/components/agents/form-dialog';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { useServerFieldErrors } from './use-stage-messages';
import { crmKeys, type PriceItem, type Vertical } from './types';

const NONE = '__none';
const CURRENCIES = ['KZT', 'RUB', 'USD'];

interface Draft {
  vertical_code: string;
  category: string;
  device_pattern: string;
  service_name: string;
  price_from: string;
  price_to: string;
  currency: string;
  duration_minutes: string;
  is_active: boolean;
}

const draftOf = (i: PriceItem | null): Draft => ({
  vertical_code: i?.vertical_code ?? NONE,
  category: i?.category ?? '',
  device_pattern: i?.device_pattern ?? '*',
  service_name: i?.service_name ?? '',
  price_from: i ? String(i.price_from) : '',
  price_to: i?.price_to != null ? String(i.price_to) : '',
  currency: i?.currency ?? NONE,
  duration_minutes: i?.duration_minutes != null ? String(i.duration_minutes) : '',
  is_active: i?.is_active ?? true,
});

const num = (s: string) => (s.trim() === '' ? null : Number(s.replace(',', '.').replace(/\s/g, '')));

export function PriceItemDialog({ item, open, onClose, verticals }: { item: PriceItem | null; open: boolean; onClose: () => void; verticals: Vertical[] }) {
  const t = useTranslations('crmSetup.priceList');
  const qc = useQueryClient();
  const showError = useErrorToast();
  const serverErrors = useServerFieldErrors();
  const [d, setD] = useState<Draft>(draftOf(null));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (!open) return;
    setD(draftOf(item));
    setErrors({});
    setDirty(false);
  }, [open, item?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const set = (patch: Partial<Draft>) => {
    setD((x) => ({ ...x, ...patch }));
    setDirty(true);
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const from = num(d.price_from);
    const to = num(d.price_to);
    const duration = num(d.duration_minutes);
    if (!d.category.trim()) errs.category = t('errors.required');
    if (!d.service_name.trim()) errs.service_name = t('errors.required');
    if (!d.device_pattern.trim()) errs.device_pattern = t('errors.required');
    if (from == null || !Number.isFinite(from) || from < 0) errs.price_from = t('errors.price');
    if (to != null && (!Number.isFinite(to) || (from != null && to < from))) errs.price_to = t('errors.priceTo');
    if (duration != null && (!Number.isInteger(duration) || duration < 0)) errs.duration_minutes = t('errors.duration');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const body = {
      vertical_code: d.vertical_code === NONE ? null : d.vertical_code,
      category: d.category.trim(),
      device_pattern: d.device_pattern.trim(),
      service_name: d.service_name.trim(),
      price_from: from,
      price_to: to,
      currency: d.currency === NONE ? null : d.currency,
      duration_minutes: duration,
      is_active: d.is_active,
    };
    setBusy(true);
    try {
      if (item) await api('PATCH', `/api/price-list/${item.id}`, body);
      else await api('POST', '/api/price-list', body);
      toast.success(item ? t('saved') : t('created'));
      await qc.invalidateQueries({ queryKey: crmKeys.priceList() });
      onClose();
    } catch (err) {
      const fields = serverErrors(err);
      if (fields) setErrors(fields);
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const field = (key: keyof Draft, label: string, props: React.ComponentProps<typeof Input> = {}) => (
    <div className="space-y-1.5">
      <Label htmlFor={`price-${key}`}>{label}</Label>
      <Input
        id={`price-${key}`}
        value={d[key] as string}
        onChange={(e) => set({ [key]: e.target.value } as Partial<Draft>)}
        aria-invalid={errors[key] ? true : undefined}
        data-testid={`price-${key}`}
        {...props}
      />
      {errors[key] && <p className="text-xs text-destructive">{errors[key]}</p>}
    </div>
  );

  return (
    <FormDialog open={open} onClose={onClose} dirty={dirty} busy={busy} title={item ? t('editTitle') : t('newTitle')} testId="price-dialog">
      <form onSubmit={submit} className="space-y-4" noValidate>
        <div className="grid gap-4 sm:grid-cols-2">
          {field('category', t('category'), { maxLength: 255, placeholder: t('categoryPlaceholder') })}
          <div className="space-y-1.5">
            <Label>{t('vertical')}</Label>
            <Select value={d.vertical_code} onValueChange={(v) => set({ vertical_code: v })}>
              <SelectTrigger className="w-full" aria-label={t('vertical')} data-testid="price-vertical">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={NONE}>{t('noVertical')}</SelectItem>
                {verticals.map((v) => (
                  <SelectItem key={v.code} value={v.code}>
                    {v.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
        </div>
        {field('device_pattern', t('devicePattern'), { maxLength: 255, className: 'font-mono', 'aria-describedby': 'price-pattern-hint' })}
        <p id="price-pattern-hint" className="-mt-2 text-xs text-muted-foreground">
          {t('patternHint')}
        </p>
        {field('service_name', t('serviceName'), { maxLength: 255 })}
        <div className="grid gap-4 sm:grid-cols-3">
          {field('price_from', t('priceFrom'), { inputMode: 'decimal' })}
          {field('price_to', t('priceTo'), { inputMode: 'decimal' })}
          <div className="space-y-1.5">
            <Label>{t('currency')}</Label>
            <Select value={d.currency} onValueChange={(v) => set({ currency: v })}>
              <SelectTrigger className="w-full" aria-label={t('currency')}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={NONE}>—</SelectItem>
                {CURRENCIES.map((c) => (
                  <SelectItem key={c} value={c}>
                    {c}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
        </div>
        <div className="grid gap-4 sm:grid-cols-2 sm:items-end">
          {field('duration_minutes', t('durationMinutes'), { inputMode: 'numeric' })}
          <label className="flex items-center gap-3 pb-2 text-sm">
            <Switch checked={d.is_active} onCheckedChange={(v) => set({ is_active: v })} />
            {t('active')}
          </label>
        </div>
        <DialogFooter className={stickyFooterClass}>
          <Button type="button" variant="outline" onClick={onClose} disabled={busy}>
            {t('cancel')}
          </Button>
          <Button type="submit" disabled={busy} data-testid="price-submit">
            {busy && <Spinner aria-hidden />}
            {item ? t('save') : t('create')}
          </Button>
        </DialogFooter>
      </form>
    </FormDialog>
  );
}
