'use client';
// One of the per-agent lists (knowledge, scripts, objections): entries with edit and delete, added in a dialog.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { useMutation } from '@tanstack/react-query';
import { BookTextIcon, MessageSquareQuoteIcon, PencilIcon, PlusIcon, ShieldQuestionIcon, Trash2Icon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { toast } from '@/components/ui/sonner';
import { api } from '../../api-client';
import { useErrorToast } from '../../use-api-errors';
import { ConfirmDelete } from '../../confirm-delete';
import { useEditor, usePatchAgentCache } from '../editor-context';
import { Section } from '../section';
import type { AgentItem, ItemKind } from './agent-item-kinds';
import { AgentItemDialog } from './agent-item-dialog';

const ICONS = { knowledge: BookTextIcon, scripts: MessageSquareQuoteIcon, objections: ShieldQuestionIcon };

export function AgentItems({ kind }: { kind: ItemKind }) {
  const t = useTranslations(`agents.items.${kind.key}`);
  const shared = useTranslations('agents.items');
  const { agent, canWrite } = useEditor();
  const patchCache = usePatchAgentCache();
  const showError = useErrorToast();
  const items = agent[kind.cacheKey] as AgentItem[];
  const [editing, setEditing] = useState<AgentItem | 'new' | null>(null);
  const [deleting, setDeleting] = useState<AgentItem | null>(null);
  const Icon = ICONS[kind.key];
  const text = (item: AgentItem, field: string) => String((item as Record<string, unknown>)[field] ?? '');

  const remove = useMutation({
    mutationFn: (item: AgentItem) => api<void>('DELETE', `/api/agents/${agent.id}/${kind.endpoint}/${item.id}`),
    onSuccess: (_v, item) => {
      patchCache({ [kind.cacheKey]: items.filter((x) => x.id !== item.id) });
      setDeleting(null);
      toast.success(shared('deleted'));
    },
    onError: showError,
  });

  const addButton = canWrite && (
    <Button type="button" variant="outline" size="sm" onClick={() => setEditing('new')} data-testid={`${kind.key}-add`}>
      <PlusIcon aria-hidden />
      {t('add')}
    </Button>
  );

  return (
    <Section title={t('title')} description={t('description')} actions={items.length > 0 && addButton} testId={`items-${kind.key}`}>
      {items.length === 0 ? (
        <EmptyState icon={<Icon />} title={t('emptyTitle')} description={t('emptyDescription')} action={addButton} className="gap-2 py-6" />
      ) : (
        <ul className="divide-y rounded-lg border">
          {items.map((item) => (
            <li key={item.id} className="flex items-start gap-3 px-3 py-3 sm:px-4" data-testid={`${kind.key}-row`}>
              <div className="min-w-0 flex-1 space-y-1">
                <div className="flex flex-wrap items-center gap-2">
                  <p className="min-w-0 text-sm font-medium break-words">{text(item, kind.heading)}</p>
                  {kind.badge && text(item, kind.badge) && (
                    <Badge variant="secondary" className="font-mono font-normal">
                      {text(item, kind.badge)}
                    </Badge>
                  )}
                </div>
                <p className="line-clamp-3 text-sm whitespace-pre-line text-muted-foreground">{text(item, kind.body)}</p>
              </div>
              <div className="flex shrink-0 items-center gap-0.5">
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-8"
                  onClick={() => setEditing(item)}
                  aria-label={canWrite ? shared('edit') : shared('view')}
                  data-testid={`${kind.key}-edit`}
                >
                  <PencilIcon aria-hidden />
                </Button>
                {canWrite && (
                  <Button variant="ghost" size="icon" className="size-8" onClick={() => setDeleting(item)} aria-label={shared('delete')} data-testid={`${kind.key}-delete`}>
                    <Trash2Icon aria-hidden />
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <AgentItemDialog
        kind={kind}
        item={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) =>
          patchCache({ [kind.cacheKey]: items.some((x) => x.id === saved.id) ? items.map((x) => (x.id === saved.id ? saved : x)) : [...items, saved] })
        }
      />
      <ConfirmDelete
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t('deleteTitle')}
        description={deleting ? text(deleting, kind.heading) : undefined}
        pending={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
      />
    </Section>
  );
}
