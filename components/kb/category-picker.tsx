'use client';
// Multi-select of categories from the tree: chosen ones as chips, the tree in a checklist menu.
import { useTranslations } from 'next-intl';
import { ChevronDownIcon, FolderIcon, XIcon } from 'lucide-react';
import { cn } from '@/lib/utils/cn';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { useCategories } from './use-categories';
import { buildTree, flattenTree } from './types';

export function CategoryPicker({ value, onChange, invalid }: { value: string[]; onChange: (next: string[]) => void; invalid?: boolean }) {
  const t = useTranslations('kb.editor');
  const { data: categories = [], isPending } = useCategories();
  const rows = flattenTree(buildTree(categories));
  const byId = new Map(categories.map((c) => [c.id, c]));
  const toggle = (id: string, on: boolean) => onChange(on ? [...value, id] : value.filter((v) => v !== id));

  return (
    <div className="space-y-2">
      {value.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" data-testid="kb-article-category-chips">
          {value.map((id) => (
            <li key={id} className="inline-flex max-w-full items-center gap-1 rounded-md bg-secondary py-0.5 pr-1 pl-2 text-xs text-secondary-foreground">
              <FolderIcon className="size-3 shrink-0 opacity-60" aria-hidden />
              <span className="truncate">{byId.get(id)?.name ?? '…'}</span>
              <button
                type="button"
                onClick={() => toggle(id, false)}
                className="rounded-sm p-0.5 opacity-60 outline-none hover:opacity-100 focus-visible:ring-2 focus-visible:ring-ring/50"
                aria-label={t('removeCategory', { name: byId.get(id)?.name ?? '' })}
              >
                <XIcon className="size-3" aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      )}
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            type="button"
            variant="outline"
            size="sm"
            className={cn('w-full justify-between font-normal', invalid && 'border-destructive')}
            aria-invalid={invalid || undefined}
            disabled={isPending}
            data-testid="kb-article-category-picker"
          >
            {value.length ? t('categoriesChosen', { count: value.length }) : t('chooseCategories')}
            <ChevronDownIcon className="opacity-60" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="max-h-80 w-(--radix-dropdown-menu-trigger-width) min-w-56 overflow-y-auto">
          {rows.length === 0 && <DropdownMenuLabel className="font-normal text-muted-foreground">{t('noCategories')}</DropdownMenuLabel>}
          {rows.map(({ node, depth }) => (
            <DropdownMenuCheckboxItem
              key={node.id}
              checked={value.includes(node.id)}
              onCheckedChange={(on) => toggle(node.id, !!on)}
              onSelect={(e) => e.preventDefault()}
              style={{ paddingLeft: `${2 + depth * 0.875}rem` }}
              data-testid="kb-article-category-option"
            >
              <span className="truncate">{node.name}</span>
            </DropdownMenuCheckboxItem>
          ))}
        </DropdownMenuContent>
      </DropdownMenu>
    </div>
  );
}
