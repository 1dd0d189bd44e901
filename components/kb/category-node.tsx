'use client';
// One row of the category tree (and its children): chevron, name, counts, actions menu.
import { useTranslations } from 'next-intl';
import { ChevronRightIcon, CopyIcon, FolderIcon, FolderInputIcon, FolderOpenIcon, FolderPlusIcon, MoreHorizontalIcon, PencilIcon, Trash2Icon } from 'lucide-react';
import { cn } from '@/lib/utils/cn';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { articleCount, type CategoryNode } from './types';
import type { CategoryAction } from './category-dialogs';
import { MAX_CATEGORY_LEVEL } from '@/lib/kb/categories/schemas';

interface Props {
  node: CategoryNode;
  depth: number;
  selected: string | null;
  collapsed: Set<string>;
  onToggle: (id: string) => void;
  onSelect: (id: string) => void;
  onAction: (a: CategoryAction) => void;
  canWrite: boolean;
}

export function CategoryNodeRow(props: Props) {
  const { node, depth, selected, collapsed, onToggle, onSelect, onAction, canWrite } = props;
  const t = useTranslations('kb.categories');
  const hasChildren = node.children.length > 0;
  const open = hasChildren && !collapsed.has(node.id);
  const isSelected = selected === node.id;
  const Icon = open ? FolderOpenIcon : FolderIcon;

  return (
    <div role="none">
      <div
        role="treeitem"
        aria-selected={isSelected}
        aria-expanded={hasChildren ? open : undefined}
        aria-level={depth + 1}
        className={cn(
          'group flex items-center gap-1 rounded-md pr-1 text-sm hover:bg-accent/60',
          isSelected && 'bg-accent text-accent-foreground hover:bg-accent',
        )}
        style={{ paddingLeft: `${0.25 + depth * 1}rem` }}
        data-testid="kb-category"
        data-category-id={node.id}
      >
        <button
          type="button"
          onClick={() => hasChildren && onToggle(node.id)}
          className={cn('flex size-5 shrink-0 items-center justify-center rounded-sm text-muted-foreground outline-none focus-visible:ring-2 focus-visible:ring-ring/50', !hasChildren && 'invisible')}
          aria-label={open ? t('collapse') : t('expand')}
          tabIndex={hasChildren ? 0 : -1}
          data-testid="kb-category-toggle"
        >
          <ChevronRightIcon className={cn('size-3.5 transition-transform', open && 'rotate-90')} aria-hidden />
        </button>
        <button
          type="button"
          onClick={() => onSelect(node.id)}
          className="flex min-w-0 flex-1 items-center gap-2 rounded-sm py-1.5 text-left outline-none focus-visible:ring-2 focus-visible:ring-ring/50"
          title={t('counts', { subcategories: node.subcategories_count, articles: articleCount(node) })}
          data-testid="kb-category-select"
        >
          <Icon className={cn('size-4 shrink-0', isSelected ? 'text-primary' : 'text-muted-foreground')} aria-hidden />
          <span className={cn('min-w-0 flex-1 truncate', isSelected && 'font-medium')} data-testid="kb-category-name">
            {node.name}
          </span>
          <span className="text-xs text-muted-foreground tabular-nums group-hover:hidden group-focus-within:hidden" data-testid="kb-category-count">
            {articleCount(node)}
          </span>
        </button>
        {canWrite && (
          <DropdownMenu>
            <DropdownMenuTrigger
              className="hidden size-6 shrink-0 items-center justify-center rounded-sm text-muted-foreground outline-none group-focus-within:flex group-hover:flex hover:bg-background/70 focus-visible:ring-2 focus-visible:ring-ring/50 data-[state=open]:flex"
              aria-label={t('actionsFor', { name: node.name })}
              data-testid="kb-category-menu"
            >
              <MoreHorizontalIcon className="size-4" aria-hidden />
            </DropdownMenuTrigger>
            <DropdownMenuContent align="start" className="w-52">
              <DropdownMenuItem onSelect={() => onAction({ kind: 'create', parentId: node.id })} disabled={node.level >= MAX_CATEGORY_LEVEL} data-testid="kb-category-add-child">
                <FolderPlusIcon aria-hidden />
                {t('addChild')}
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={() => onAction({ kind: 'rename', category: node })} data-testid="kb-category-rename">
                <PencilIcon aria-hidden />
                {t('rename')}
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={() => onAction({ kind: 'move', category: node })} data-testid="kb-category-move">
                <FolderInputIcon aria-hidden />
                {t('move')}
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={() => onAction({ kind: 'duplicate', category: node })} data-testid="kb-category-duplicate">
                <CopyIcon aria-hidden />
                {t('duplicate')}
              </DropdownMenuItem>
              <DropdownMenuSeparator />
              <DropdownMenuItem variant="destructive" onSelect={() => onAction({ kind: 'delete', category: node })} data-testid="kb-category-delete">
                <Trash2Icon aria-hidden />
                {t('delete')}
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
        )}
      </div>
      {open && (
        <div role="group">
          {node.children.map((child) => (
            <CategoryNodeRow key={child.id} {...props} node={child} depth={depth + 1} />
          ))}
        </div>
      )}
    </div>
  );
}
