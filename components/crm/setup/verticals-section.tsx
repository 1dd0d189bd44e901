'use client';
// Verticals: the built-in templates and the workspace's own (intents and stages); create, edit
// and delete own ones.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { useQueryClient } from '@tanstack/react-query';
import { PencilIcon, PlusIcon, Trash2Icon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/sonner';
import { ConfirmDelete } from '@/components/agents/confirm-delete';
import { api } from '@/components/agents/api-client';
import { useErrorToast } from '@/components/agents/use-api-errors';
import { useVerticals } from './use-crm-setup';
import { VerticalDialog } from './vertical-dialog';
import { crmKeys, type Vertical } from './types';

export function VerticalsSection({ canWrite, canAdmin }: { canWrite: boolean; canAdmin: boolean }) {
  const t = useTranslations('crmSetup.verticals');
  const verticals = useVerticals();
  const qc = useQueryClient();
  const showError = useErrorToast();
  const [editing, setEditing] = useState<Vertical | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Vertical | null>(null);
  const [busy, setBusy] = useState(false);

  const remove = async () => {
    if (!deleting) return;
    setBusy(true);
    try {
      await api('DELETE', `/api/verticals/${encodeURIComponent(deleting.code)}`);
      toast.success(t('deleted', { name: deleting.name }));
      await qc.invalidateQueries({ queryKey: crmKeys.verticals() });
      setDeleting(null);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="space-y-3" aria-labelledby="verticals-title" data-testid="verticals-section">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="verticals-title" className="text-lg font-semibold">
            {t('title')}
          </h2>
          <p className="text-sm text-muted-foreground">{t('description')}</p>
        </div>
        {canWrite && (
          <Button variant="outline" onClick={() => setEditing('new')} data-testid="vertical-new">
            <PlusIcon aria-hidden />
            {t('new')}
          </Button>
        )}
      </div>
      {verticals.isPending ? (
        <Skeleton className="h-24" />
      ) : (
        <ul className="grid gap-3 lg:grid-cols-2">
          {(verticals.data ?? []).map((v) => (
            <li key={v.code} className="min-w-0 rounded-xl border bg-card p-4" data-testid="vertical-card" data-code={v.code}>
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <h3 className="font-medium break-words">{v.name}</h3>
                    <Badge variant={v.built_in ? 'secondary' : 'outline'}>{v.built_in ? t('builtIn') : t('own')}</Badge>
                  </div>
                  <p className="font-mono text-xs text-muted-foreground">{v.code}</p>
                </div>
                {!v.built_in && (
                  <div className="flex shrink-0">
                    {canWrite && (
                      <Button variant="ghost" size="icon" onClick={() => setEditing(v)} aria-label={t('editNamed', { name: v.name })}>
                        <PencilIcon aria-hidden />
                      </Button>
                    )}
                    {canAdmin && (
                      <Button variant="ghost" size="icon" onClick={() => setDeleting(v)} aria-label={t('deleteNamed', { name: v.name })}>
                        <Trash2Icon aria-hidden />
                      </Button>
                    )}
                  </div>
                )}
              </div>
              {v.intents.length > 0 && (
                <p className="mt-2 text-xs break-words text-muted-foreground">
                  {t('intents')}: {v.intents.join(', ')}
                </p>
              )}
              <ol className="mt-2 flex flex-wrap gap-1">
                {v.stages.map((s) => (
                  <li key={s.code} className="inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs">
                    <span className="size-2 rounded-full" style={{ backgroundColor: s.color }} aria-hidden />
                    {s.name}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
      )}
      <VerticalDialog vertical={editing === 'new' ? null : editing} open={!!editing} onClose={() => setEditing(null)} />
      <ConfirmDelete
        open={!!deleting}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t('deleteTitle', { name: deleting?.name ?? '' })}
        description={t('deleteDescription')}
        pending={busy}
        onConfirm={remove}
      />
    </section>
  );
}
