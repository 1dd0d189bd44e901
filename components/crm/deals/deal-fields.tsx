'use client';
// The deal's own fields in the panel: stage, price, tags, responsible, status. Each change is
// one PATCH with the version read; the parent re-keys this by version so a 409 shows the server's values.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { TagInput } from '@/components/agents/tag-input';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { memberName, useMembers } from './queries';
import type { DealPatch } from './mutations';
import { STATUSES, type DealFull, type Stage } from './types';

const NOBODY = '__none';

export function DealFields({
  deal,
  stages,
  canWrite,
  onPatch,
}: {
  deal: DealFull;
  stages: Stage[];
  canWrite: boolean;
  onPatch: (body: DealPatch) => void;
}) {
  const t = useTranslations('deals.panel');
  const ts = useTranslations('deals.status');
  const members = useMembers();
  const [price, setPrice] = useState(deal.price === null ? '' : String(deal.price));

  const savePrice = () => {
    const next = price.trim() === '' ? null : Number(price.replace(',', '.'));
    if (next !== null && !Number.isFinite(next)) return;
    if (next !== deal.price) onPatch({ price: next });
  };

  return (
    <div className="grid grid-cols-2 gap-3">
      <div className="space-y-1">
        <Label htmlFor="deal-stage">{t('stage')}</Label>
        <Select value={deal.stage?.id ?? ''} onValueChange={(v) => v !== deal.stage?.id && onPatch({ stage_id: v })} disabled={!canWrite}>
          <SelectTrigger id="deal-stage" className="w-full" data-testid="deal-stage">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {stages.map((s) => (
              <SelectItem key={s.id} value={s.id}>
                <span className="size-2 rounded-full" style={{ backgroundColor: s.color }} aria-hidden />
                {s.name}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="space-y-1">
        <Label htmlFor="deal-price">
          {t('price')}
          {deal.currency ? ` (${deal.currency})` : ''}
        </Label>
        <Input
          id="deal-price"
          type="number"
          min={0}
          step="any"
          value={price}
          onChange={(e) => setPrice(e.target.value)}
          onBlur={savePrice}
          onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), savePrice())}
          disabled={!canWrite}
          data-testid="deal-price"
        />
      </div>
      <div className="space-y-1">
        <Label htmlFor="deal-responsible">{t('responsible')}</Label>
        <Select
          value={deal.responsible?.id ?? NOBODY}
          onValueChange={(v) => onPatch({ responsible_user_id: v === NOBODY ? null : v })}
          disabled={!canWrite}
        >
          <SelectTrigger id="deal-responsible" className="w-full" data-testid="deal-responsible">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={NOBODY}>{t('nobody')}</SelectItem>
            {deal.responsible && !members.data?.some((m) => m.user_id === deal.responsible?.id) && (
              <SelectItem value={deal.responsible.id}>{deal.responsible.name}</SelectItem>
            )}
            {(members.data ?? []).map((m) => (
              <SelectItem key={m.user_id} value={m.user_id}>
                {memberName(m)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="space-y-1">
        <Label htmlFor="deal-status">{t('status')}</Label>
        <Select value={deal.status} onValueChange={(v) => v !== deal.status && onPatch({ status: v })} disabled={!canWrite}>
          <SelectTrigger id="deal-status" className="w-full" data-testid="deal-status">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {STATUSES.map((s) => (
              <SelectItem key={s} value={s}>
                {ts(s)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="col-span-2 space-y-1">
        <Label htmlFor="deal-tags">{t('tags')}</Label>
        <TagInput id="deal-tags" value={deal.tags} onChange={(tags) => onPatch({ tags })} disabled={!canWrite} placeholder={t('tagsHint')} testId="deal-tags" />
      </div>
    </div>
  );
}
