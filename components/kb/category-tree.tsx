'use client';
// The category tree: "all articles", then each category with expand/collapse, counts and actions.
import { useMemo, useState } from 'react';
import { useTranslations } from 'next-intl';
import { FolderTreeIcon, LibraryIcon, PlusIcon } from 'lucide-react';
import { cn } from '@/lib/utils/cn';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { buildTree, type Category } from './types';
import { CategoryNodeRow } from './category-node';
import { CategoryDialogs, type CategoryAction } from './category-dialogs';

export function CategoryTree({
  categories,
  loading,
  selected,
  onSelect,
  canWrite,
}: {
  categories: Category[] | undefined;
  loading: boolean;
  selected: string | null;
  onSelect: (id: string | null) => void;
  canWrite: boolean;
}) {
  const t = useTranslations('kb.categories');
  const tree = useMemo(() => buildTree(categories ?? []), [categories]);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [action, setAction] = useState<CategoryAction | null>(null);

  const toggle = (id: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <nav className="rounded-xl border bg-card shadow-xs lg:sticky lg:top-20" aria-label={t('title')} data-testid="kb-tree">
      <div className="flex items-center justify-between gap-2 border-b px-4 py-3">
        <h2 className="text-sm font-semibold">{t('title')}</h2>
        {canWrite && (
          <Button variant="ghost" size="sm" className="h-7 px-2" onClick={() => setAction({ kind: 'create', parentId: null })} data-testid="kb-category-add">
            <PlusIcon aria-hidden />
            {t('add')}
          </Button>
        )}
      </div>
      <div className="max-h-[calc(100dvh-14rem)] overflow-y-auto p-1.5" role="tree" aria-label={t('title')}>
        <button
          type="button"
          role="treeitem"
          aria-selected={selected === null}
          onClick={() => onSelect(null)}
          className={cn(
            'flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm outline-none hover:bg-accent/60 focus-visible:ring-[3px] focus-visible:ring-ring/50',
            selected === null && 'bg-accent font-medium text-accent-foreground',
          )}
          data-testid="kb-category-all"
        >
          <span className="size-5" aria-hidden />
          <LibraryIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
          <span className="min-w-0 flex-1 truncate">{t('all')}</span>
        </button>
        {loading && (
          <div className="space-y-1.5 p-2">
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} className="h-6" style={{ width: `${85 - i * 12}%` }} />
            ))}
          </div>
        )}
        {tree.map((node) => (
          <CategoryNodeRow
            key={node.id}
            node={node}
            depth={0}
            selected={selected}
            collapsed={collapsed}
            onToggle={toggle}
            onSelect={onSelect}
            onAction={setAction}
            canWrite={canWrite}
          />
        ))}
        {!loading && tree.length === 0 && (
          <div className="flex flex-col items-center gap-2 px-4 py-8 text-center" data-testid="kb-tree-empty">
            <FolderTreeIcon className="size-6 text-muted-foreground" aria-hidden />
            <p className="text-sm text-muted-foreground">{t('empty')}</p>
            {canWrite && (
              <Button variant="outline" size="sm" onClick={() => setAction({ kind: 'create', parentId: null })}>
                <PlusIcon aria-hidden />
                {t('createFirst')}
              </Button>
            )}
          </div>
        )}
      </div>
      <CategoryDialogs
        action={action}
        categories={categories ?? []}
        onClose={() => setAction(null)}
        onDeleted={(id) => {
          if (selected && (selected === id || categories?.find((c) => c.id === selected)?.path.includes(`/${id}/`))) onSelect(null);
        }}
        onCreated={(c) => onSelect(c.id)}
      />
    </nav>
  );
}
