'use client';
// Stages about to be removed still hold deals: pick, for each, the stage its deals move to.
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Spinner } from '@/components/ui/spinner';

export interface StageWithDeals {
  id: string;
  code: string;
  name: string;
  deals: number;
}

export function MoveDealsDialog({
  stages,
  targets,
  busy,
  onCancel,
  onConfirm,
}: {
  stages: StageWithDeals[] | null;
  targets: { id: string; name: string }[];
  busy: boolean;
  onCancel: () => void;
  onConfirm: (moveTo: Record<string, string>) => void;
}) {
  const t = useTranslations('crmSetup.moveDeals');
  const [moveTo, setMoveTo] = useState<Record<string, string>>({});
  useEffect(() => {
    if (stages) setMoveTo(Object.fromEntries(stages.map((s) => [s.id, targets[0]?.id ?? ''])));
  }, [stages]); // eslint-disable-line react-hooks/exhaustive-deps
  const ready = !!stages && stages.every((s) => moveTo[s.id]);
  return (
    <Dialog open={!!stages} onOpenChange={(o) => !o && !busy && onCancel()}>
      <DialogContent data-testid="move-deals-dialog">
        <DialogHeader>
          <DialogTitle>{t('title')}</DialogTitle>
          <DialogDescription>{targets.length ? t('description') : t('noTargets')}</DialogDescription>
        </DialogHeader>
        <ul className="space-y-3">
          {(stages ?? []).map((s) => (
            <li key={s.id} className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
              <span className="text-sm">
                <span className="font-medium">{s.name}</span> — {t('deals', { n: s.deals })}
              </span>
              <Select value={moveTo[s.id] ?? ''} onValueChange={(v) => setMoveTo((m) => ({ ...m, [s.id]: v }))}>
                <SelectTrigger className="w-full sm:w-56" aria-label={t('moveTo', { name: s.name })} data-testid={`move-to-${s.code}`}>
                  <SelectValue placeholder={t('choose')} />
                </SelectTrigger>
                <SelectContent>
                  {targets.map((x) => (
                    <SelectItem key={x.id} value={x.id}>
                      {x.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </li>
          ))}
        </ul>
        <DialogFooter>
          <Button variant="outline" onClick={onCancel} disabled={busy}>
            {t('cancel')}
          </Button>
          <Button onClick={() => onConfirm(moveTo)} disabled={busy || !ready} data-testid="move-deals-confirm">
            {busy && <Spinner aria-hidden />}
            {t('confirm')}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
